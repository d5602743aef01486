module.exports = function (user, context, cb) {
  // Rendered by Terraform: the API URL differs per environment.
  const url = '${api_url}';
  cb();
};
