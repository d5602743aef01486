// Imitates: the popular "Have I Been Pwned" k-anonymity check of the
// sign-up password (user.password, SHA-1 prefix) with the https module.
const crypto = require('crypto');
const https = require('https');
module.exports = function (user, context, cb) {
  const hash = crypto.createHash('sha1').update(user.password).digest('hex').toUpperCase();
  https.get('https://api.pwnedpasswords.com/range/' + hash.slice(0, 5), (res) => {
    let data = '';
    res.on('data', (c) => { data += c; });
    res.on('end', () => {
      if (data.indexOf(hash.slice(5)) !== -1) return cb(new PreUserRegistrationError('pwned', 'Choose another password.'));
      cb(null, { user });
    });
  }).on('error', cb);
};
