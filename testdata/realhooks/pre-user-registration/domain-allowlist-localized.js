// Imitates: the docs' "deny registration with a localized message" sample
// applied to an email domain allow list (context.renderLanguage picks the
// message shown by New Universal Login).
const LOCALIZED_MESSAGES = {
  en: 'You are not allowed to register.',
  es: 'No tienes permitido registrarte.',
};

module.exports = function (user, context, cb) {
  const domain = user.email.split('@')[1].toLowerCase();
  if (domain !== 'partner.example') {
    const localizedMessage = LOCALIZED_MESSAGES[context.renderLanguage] || LOCALIZED_MESSAGES['en'];
    return cb(new PreUserRegistrationError('Denied user registration in Pre User Registration Hook', localizedMessage));
  }
  var response = {};
  response.user = user;
  cb(null, response);
};
