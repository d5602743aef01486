// destructure: object patterns on context.webtask.secrets: shorthand, renamed,
// defaults, string-literal keys, a pattern over several lines, var, assignment
// patterns, and a pattern on a local alias of the secrets (destructure wins).
exports.onExecutePostUserRegistration = async (event, api) => {
  const { SHORTHAND_KEY } = event.secrets; // want SHORTHAND_KEY:destructure
  const { RENAMED_KEY: renamed } = event.secrets; // want RENAMED_KEY:destructure
  const { DEFAULTED_KEY = 'none' } = event.secrets; // want DEFAULTED_KEY:destructure
  const { 'QUOTED_KEY': quoted } = event.secrets; // want QUOTED_KEY:destructure
  const { "DOUBLE_QUOTED_KEY": doubleQuoted = '' } = event.secrets; // want DOUBLE_QUOTED_KEY:destructure
  var { VAR_KEY } = event.secrets; // want VAR_KEY:destructure

  const {
    LINE_ONE, // want LINE_ONE:destructure
    LINE_TWO: second, // want LINE_TWO:destructure
    LINE_THREE = 'x', // want LINE_THREE:destructure
  } = event.secrets;

  let ASSIGNED_KEY;
  let assignedRenamed;
  ({ ASSIGNED_KEY } = event.secrets); // want ASSIGNED_KEY:destructure
  ({ ASSIGNED_RENAMED: assignedRenamed } = event.secrets); // want ASSIGNED_RENAMED:destructure

  const s = event.secrets;
  const { FROM_ALIAS_KEY, OTHER_ALIAS_KEY: other } = s; // want FROM_ALIAS_KEY:destructure OTHER_ALIAS_KEY:destructure

  const values = [SHORTHAND_KEY, renamed, DEFAULTED_KEY, quoted, doubleQuoted, VAR_KEY];
  values.push(LINE_ONE, second, LINE_THREE, ASSIGNED_KEY, assignedRenamed, FROM_ALIAS_KEY, other);
  return;
};
