// Imitates: SMS through Amazon SNS with aws-sdk v2 and a node-style
// callback; keys from secrets, the region hard-coded.
const AWS = require('aws-sdk');

module.exports = function (recipient, text, context, cb) {
  const sns = new AWS.SNS({
    region: 'eu-west-1',
    accessKeyId: context.webtask.secrets.AWS_ACCESS_KEY_ID,
    secretAccessKey: context.webtask.secrets.AWS_SECRET_ACCESS_KEY,
  });
  const params = {
    Message: text,
    PhoneNumber: recipient,
    MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
  };
  sns.publish(params, function (err, data) {
    if (err) return cb(err);
    cb(null, { MessageID: data.MessageId });
  });
};
