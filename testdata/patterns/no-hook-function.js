// no-hook-function: a shared settings module that exports no function at all. // want !no-hook-function
const RETRIES = 3;

function backoff(attempt) {
  return Math.min(1000 * 2 ** attempt, 10000);
}

module.exports = {
  region: 'eu',
  retries: RETRIES,
  delays: [0, 1, 2].map(backoff),
};
