exports.onExecutePreUserRegistration = async (event, api) => {
  if (event.request.geoip && event.request.geoip.countryCode === 'XX') {
    api.access.deny('signup_blocked', 'Sign-ups from this region are closed.');
  }
};
