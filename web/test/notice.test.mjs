// A notice's page as a capture manager reads it, without a browser: node --test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import board from '../src/board.js';

globalThis.timeLeft = board.timeLeft;
const noticeModule = (await import('../src/notice.js')).default;
const { noticeRows } = noticeModule;

const NOTICE = {
  noticeId: 'abc', title: 'Nitrile gloves', solicitationNumber: '36C25026Q0123', type: 'Combined Synopsis/Solicitation',
  baseType: 'Combined Synopsis/Solicitation', agency: 'VETERANS AFFAIRS, DEPARTMENT OF.VETERANS AFFAIRS, DEPARTMENT OF.'
    + '250-NETWORK CONTRACT OFFICE 10', postedDate: '2026-12-01', responseDeadline: '2026-12-17T19:00:00Z',
  setAside: 'SDVOSBC', setAsideDescription: 'Service-Disabled Veteran-Owned Small Business (SDVOSB) Set-Aside (FAR 19.14)',
  naicsCodes: ['339113'], psc: '6515',
  description: 'https://api.sam.gov/prod/opportunities/v1/noticedesc?noticeid=abc',
  officeAddress: { city: 'Dayton', state: 'OH', zipcode: '45428' },
  placeOfPerformance: { city: { name: 'Gallup' }, state: { code: 'NM', name: 'New Mexico' }, country: { code: 'USA' } },
  pointOfContact: [{ type: 'primary', fullName: 'Jane Roe', email: 'jane.roe@va.gov', phone: '555-0100' }],
  resourceLinks: ['https://sam.gov/api/prod/opps/v3/opportunities/resources/files/1/download'],
  uiLink: 'https://sam.gov/opp/abc/view', supersededBy: null,
};

test('the facts come in a capture manager\'s order, each only when the notice has it', () => {
  const rows = noticeRows(NOTICE, Date.parse('2026-12-07T19:00:00Z'));
  assert.deepEqual(rows.map((r) => r.label), ['Type', 'Solicitation number', 'Description', 'Buyer', 'Office', 'Posted',
    'Response due', 'Set-aside', 'NAICS', 'Product/service code', 'Place of performance', 'Contacts', 'Attachments',
    'SAM.gov']);
  const said = Object.fromEntries(rows.map((r) => [r.label, r.parts]));
  assert.equal(said.Type[0].text, 'Combined Synopsis/Solicitation');
  assert.equal(said.Buyer[0].text, 'VETERANS AFFAIRS, DEPARTMENT OF › VETERANS AFFAIRS, DEPARTMENT OF › '
    + '250-NETWORK CONTRACT OFFICE 10');
  assert.equal(said['Response due'][0].text, '2026-12-17 19:00 UTC (due in 10 days)');
  assert.deepEqual(said.Description, [{ text: 'on SAM.gov', href: 'https://sam.gov/opp/abc/view' }],
    'a description that is only an API link is read on SAM.gov');
  assert.equal(said['Place of performance'][0].text, 'Gallup, New Mexico');
  assert.deepEqual(said.Contacts, [{ text: 'Jane Roe (primary)' },
    { text: 'jane.roe@va.gov', href: 'mailto:jane.roe@va.gov' }, { text: '555-0100' }]);
  assert.equal(said.Attachments[0].text, 'Attachment 1');
});

test('a written description is shown, and an amended notice links to its amendment', () => {
  const rows = noticeRows({ ...NOTICE, description: 'Gloves, nitrile, powder-free, size M.', supersededBy: 'def',
    pointOfContact: [], resourceLinks: [], responseDeadline: null });
  const said = Object.fromEntries(rows.map((r) => [r.label, r.parts]));
  assert.deepEqual(said.Description, [{ text: 'Gloves, nitrile, powder-free, size M.' }]);
  assert.deepEqual(said['Amended by'], [{ text: 'def', href: '#/opportunities/def' }]);
  assert.equal(said.Contacts, undefined);
  assert.equal(said['Response due'], undefined);
});

test('only web and mail addresses from an imported notice become links; anything else is shown as text', () => {
  const rows = noticeRows({ ...NOTICE, uiLink: 'javascript:alert(1)', resourceLinks: ['data:text/html,x', 'http://a.example/f.pdf'] });
  const said = Object.fromEntries(rows.map((r) => [r.label, r.parts]));
  assert.deepEqual(said['SAM.gov'], [{ text: 'the notice on SAM.gov (javascript:alert(1))' }]);
  assert.deepEqual(said.Attachments, [{ text: 'Attachment 1 (data:text/html,x)' },
    { text: 'Attachment 2', href: 'http://a.example/f.pdf' }]);
  assert.ok(rows.flatMap((r) => r.parts).every((part) => !part.href || /^(https?:|mailto:|#\/)/.test(part.href)));
});

test('an amendment tells what it changed from the notice before it, and only that', () => {
  const amended = { ...NOTICE, noticeId: 'abc2', title: 'Nitrile gloves (Amendment 1)',
    responseDeadline: '2026-12-21T19:00:00Z', resourceLinks: [...NOTICE.resourceLinks, 'https://sam.gov/f/2'] };
  const { noticeChanges } = noticeModule;
  assert.deepEqual(noticeChanges(NOTICE, amended), [
    'title: Nitrile gloves → Nitrile gloves (Amendment 1)',
    'Response due: 2026-12-17 19:00 UTC → 2026-12-21 19:00 UTC',
    'Attachments: https://sam.gov/api/prod/opps/v3/opportunities/resources/files/1/download → '
      + 'https://sam.gov/api/prod/opps/v3/opportunities/resources/files/1/download · https://sam.gov/f/2',
  ]);
  assert.deepEqual(noticeChanges(NOTICE, { ...NOTICE }), []);
});

test('an attachment replaced under the same label is a change', () => {
  const { noticeChanges } = noticeModule;
  assert.deepEqual(noticeChanges(NOTICE, { ...NOTICE, resourceLinks: ['https://sam.gov/f/new'] }), [
    'Attachments: https://sam.gov/api/prod/opps/v3/opportunities/resources/files/1/download → https://sam.gov/f/new']);
});
