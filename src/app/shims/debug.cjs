// Stands in for the `debug` package inside fhirclient: its logging can be switched on from
// localStorage and would then print request URLs and launch details. The app logs nothing.
function debug() {
  const log = function () {};
  log.extend = debug;
  log.enabled = false;
  return log;
}
module.exports = debug;
