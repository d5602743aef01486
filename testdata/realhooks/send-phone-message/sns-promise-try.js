// Imitates: aws-sdk SNS publish with credentials from secrets, using
// .promise() inside an async hook and `try/catch` with cb in both arms,
// and message attributes chosen from context.message_type.
const AWS = require('aws-sdk');

module.exports = async function (recipient, text, context, cb) {
  const sns = new AWS.SNS({
    apiVersion: '2010-03-31',
    region: context.webtask.secrets.AWS_REGION,
    accessKeyId: context.webtask.secrets.AWS_ACCESS_KEY_ID,
    secretAccessKey: context.webtask.secrets.AWS_SECRET_ACCESS_KEY
  });
  try {
    const out = await sns.publish({
      PhoneNumber: recipient,
      Message: context.message_type === 'voice' ? 'Call-me code: ' + context.code : text,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } }
    }).promise();
    cb(null, { MessageID: out.MessageId });
  } catch (e) {
    cb(e);
  }
};
