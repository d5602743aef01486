// in-check: presence tests for a key on the secrets object ('KEY' in, hasOwnProperty,
// Object.prototype.hasOwnProperty.call, Object.hasOwn); a later read is its own usage.
exports.onExecutePostUserRegistration = async (event, api) => {
  const secrets = event.secrets;
  const hasSlack = 'SLACK_WEBHOOK_URL' in secrets; // want SLACK_WEBHOOK_URL:in-check
  const hasTeams = secrets.hasOwnProperty('TEAMS_WEBHOOK_URL'); // want TEAMS_WEBHOOK_URL:in-check
  const hasPager = Object.prototype.hasOwnProperty.call(secrets, 'PAGERDUTY_KEY'); // want PAGERDUTY_KEY:in-check
  const hasOpsgenie = Object.hasOwn(event.secrets, 'OPSGENIE_KEY'); // want OPSGENIE_KEY:in-check
  const hasEmail = "ALERT_EMAIL" in event.secrets; // want ALERT_EMAIL:in-check
  const hasSms = event.secrets.hasOwnProperty("ALERT_SMS"); // want ALERT_SMS:in-check

  const channels = [];
  if (hasSlack) {
    channels.push(secrets.SLACK_WEBHOOK_URL); // want SLACK_WEBHOOK_URL:alias
  }
  if (hasTeams || hasPager || hasOpsgenie || hasEmail || hasSms) {
    channels.push('other');
  }

  return;
};
