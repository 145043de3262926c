// Prints the plain closing line CI reads ("N passed, N failed, N skipped") from vitest's JSON report.
// Errors outside any test (a suite that failed to load, an unhandled rejection) count as failures too,
// so the line never says "0 failed" for a run that failed.
import { readFileSync } from 'node:fs'

const [file, exitCode] = process.argv.slice(2)
let report
try {
  report = JSON.parse(readFileSync(file, 'utf8'))
} catch (error) {
  console.log('0 passed, 1 failed')
  console.error(`could not read the test report ${file}: ${error.message}`)
  process.exit(1)
}
const failedSuites = report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length
let failed = report.numFailedTests + failedSuites
if (failed === 0 && (report.success === false || (exitCode !== undefined && exitCode !== '0'))) {
  console.error('vitest reported errors outside the tests (see "Unhandled Errors" above); counted as one failure')
  failed = 1
}
console.log(`\n${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + report.numTodoTests} skipped`)
