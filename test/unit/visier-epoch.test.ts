import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OPEN_START, parseEpoch, parseWindow, PERMANENT_END } from '../../src/compat/visier/epoch.js';

const start = (v: string | number | undefined) => parseEpoch(v, 'validityStartTime', 'start');
const end = (v: string | number | undefined) => parseEpoch(v, 'validityEndTime', 'end');

test("only each end's own marker, or no field, is open", () => {
  assert.equal(start(OPEN_START), null);
  assert.equal(end(PERMANENT_END), null);
  assert.equal(start(undefined), null);
  assert.equal(end(undefined), null);
  // The other end's marker is not "open" here: a permanent start or an end at the dawn of time.
  assert.throws(
    () => end(OPEN_START),
    /validityEndTime must not be -9223372036854775808: that marks an open start/,
  );
  assert.throws(() => start(PERMANENT_END), /marks an open end/);
});

test('every other value is a canonical integer that round-trips, or a 400 saying why', () => {
  assert.equal(start('1571122800000'), 1571122800000);
  assert.equal(end('-1'), -1);
  assert.equal(end('0'), 0);
  assert.equal(end(1571122800000), 1571122800000);
  for (const bad of ['', ' 1', '1 ', '00001', '+1', '-0', '1e3', '1.5', '0x10', 'soon'])
    assert.throws(() => start(bad), /must be epoch milliseconds as a string of digits/, JSON.stringify(bad));
});

test('values beyond what every API can show back are refused, whichever end', () => {
  for (const far of [
    '-9000000000000000000', // once stored as a permanent end: the check then allowed
    '9223372036854775808', // beyond Java's long: once an open start, effective at once
    '8640000000000001',
    '8640000000000000',
    '253402300800000', // 10000-01-01: once accepted, then every list of assignments answered 500
    '-62167219200001',
  ]) {
    assert.throws(() => start(far), /must lie between -62167219200000 and 253402300799999/, far);
    assert.throws(() => end(far), /must lie between/, far);
  }
  assert.equal(end('253402300799999'), 253402300799999);
  assert.equal(start('-62167219200000'), -62167219200000);
});

test('an end not after its start is refused', () => {
  assert.deepEqual(parseWindow({ validityStartTime: '1', validityEndTime: '2' }), {
    validFrom: 1,
    validUntil: 2,
  });
  assert.throws(
    () => parseWindow({ validityStartTime: '2', validityEndTime: '2' }),
    /must be after validityStartTime/,
  );
  assert.throws(
    () => parseWindow({ validityStartTime: '3', validityEndTime: '2' }),
    /must be after validityStartTime/,
  );
});
