import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldPath } from '../field-errors.js';
import {
  ipFamily,
  isCIdentifier,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidCIDR,
  isValidIP,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
  regexError,
  validatePathSegmentName,
} from './names.js';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

test('DNS-1123 subdomain: valid names pass, bad names get the exact upstream message', () => {
  assert.deepEqual(isDNS1123Subdomain('example.com'), []);
  assert.deepEqual(isDNS1123Subdomain('a-b.c1'), []);
  assert.deepEqual(isDNS1123Subdomain('Foo'), [SUBDOMAIN_MSG]);
  assert.deepEqual(isDNS1123Subdomain('-a'), [SUBDOMAIN_MSG]);
  assert.deepEqual(isDNS1123Subdomain('a'.repeat(254)), ['must be no more than 253 characters']);
});

test('DNS-1123 label: dots get their own message, other faults the regex one', () => {
  assert.deepEqual(isDNS1123Label('my-name'), []);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('A_b'), [
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ]);
  assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
});

test('DNS-1035 label must start with a letter', () => {
  assert.deepEqual(isDNS1035Label('abc-1'), []);
  assert.deepEqual(isDNS1035Label('1abc'), [
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  ]);
});

test('regexError lays out examples exactly like upstream', () => {
  assert.equal(regexError('m', 'r'), "m (regex used for validation is 'r')");
  assert.equal(regexError('m', 'r', 'a', 'b'), "m (e.g. 'a',  or 'b', regex used for validation is 'r')");
});

test('qualified names: prefix and name parts are checked separately', () => {
  assert.deepEqual(isQualifiedName('app'), []);
  assert.deepEqual(isQualifiedName('example.com/My.Name_1'), []);
  assert.deepEqual(isQualifiedName('/x'), ['prefix part must be non-empty']);
  assert.deepEqual(isQualifiedName('x/'), [
    'name part must be non-empty',
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]);
  assert.match(isQualifiedName('Bad_/x')[0], /^prefix part a lowercase RFC 1123 subdomain/);
  assert.match(
    isQualifiedName('a/b/c')[0],
    /^a qualified name must consist.*with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/,
  );
  assert.deepEqual(isQualifiedName('a'.repeat(64)), ['name part must be no more than 63 characters']);
});

test('label values may be empty but not start with a dash', () => {
  assert.deepEqual(isValidLabelValue(''), []);
  assert.deepEqual(isValidLabelValue('v1.2_x'), []);
  assert.deepEqual(isValidLabelValue('-x'), [
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ]);
});

test('env var names and config keys', () => {
  assert.deepEqual(isEnvVarName('MY_VAR.x-1'), []);
  assert.equal(isEnvVarName('1X').length, 1);
  assert.match(
    isEnvVarName('1X')[0],
    /^a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '\.', and must not start with a digit \(e\.g\. 'my\.env-name', {2}or 'MY_ENV\.NAME', {2}or 'MyEnvName1', regex used for validation is '\[-\._a-zA-Z\]\[-\._a-zA-Z0-9\]\*'\)$/,
  );
  assert.deepEqual(isEnvVarName('..x'), ["must not start with '..'"]);
  assert.deepEqual(isConfigMapKey('..'), ["must not be '..'"]);
  assert.deepEqual(isConfigMapKey('a b').length, 1);
  assert.deepEqual(isCIdentifier('_ok1'), []);
  assert.equal(isCIdentifier('no-dash').length, 1);
});

test('port numbers and port names', () => {
  assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  assert.deepEqual(isValidPortNum(65535), []);
  assert.deepEqual(isValidPortName('http'), []);
  assert.deepEqual(isValidPortName('80'), ['must contain at least one letter (a-z)']);
  assert.deepEqual(isValidPortName('-a--b'), [
    'must not contain consecutive hyphens',
    'must not begin or end with a hyphen',
  ]);
  assert.deepEqual(isValidPortName('HTTP'), [
    'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'must contain at least one letter (a-z)',
  ]);
  assert.deepEqual(isValidPortName('a234567890123456'), ['must be no more than 15 characters']);
});

test('IP parsing is lenient like upstream and classifies families', () => {
  assert.equal(ipFamily('10.0.0.1'), 4);
  assert.equal(ipFamily('010.000.0.1'), 4);
  assert.equal(ipFamily('::1'), 6);
  assert.equal(ipFamily('2001:db8::ffff'), 6);
  assert.equal(ipFamily('::ffff:1.2.3.4'), 4);
  assert.equal(ipFamily('1:2:3:4:5:6:7:8'), 6);
  assert.equal(ipFamily('1:2:3:4:5:6:7:8:9'), 0);
  assert.equal(ipFamily('1.2.3'), 0);
  assert.equal(ipFamily('256.1.1.1'), 0);
  assert.equal(ipFamily('fe80::1%eth0'), 0);
  const errs = isValidIP(FieldPath.root('ip'), 'nope');
  assert.equal(
    errs[0].toString(),
    'ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  );
  assert.deepEqual(isValidCIDR('c', '10.0.0.0/8'), []);
  assert.deepEqual(isValidCIDR('c', '2001:db8::/64'), []);
  assert.equal(isValidCIDR('c', '10.0.0.0/33').length, 1);
});

test('name validators mask the trailing dash of generateName', () => {
  assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
  assert.equal(nameIsDNSSubdomain('web-', false).length, 1);
  assert.deepEqual(validatePathSegmentName('..', false), ["may not be '..'"]);
  assert.deepEqual(validatePathSegmentName('a/b%', false), ["may not contain '/'", "may not contain '%'"]);
});
