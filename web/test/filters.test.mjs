// A search's filters in the list's address and in the API's request, without a browser: node --test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import filters from '../src/filters.js';

const { SearchFilters } = filters;

test('an address names only what differs from an empty form, and reads back as the same filters', () => {
  const chosen = { ...SearchFilters.NONE, q: 'nitrile gloves', naics: ['339113', '423450'], setAside: 'SDVOSBC',
    dueFrom: '2026-12-01', active: false, sort: 'due' };
  const hash = SearchFilters.toHash(chosen);
  assert.equal(hash, '#/?q=nitrile+gloves&naics=339113%2C423450&setAside=SDVOSBC&dueFrom=2026-12-01&active=false&sort=due');
  assert.deepEqual(SearchFilters.fromHash(hash), chosen);
  assert.equal(SearchFilters.toHash(SearchFilters.NONE), '#/');
  assert.deepEqual(SearchFilters.fromHash('#/'), SearchFilters.NONE);
  assert.deepEqual(SearchFilters.fromHash(''), SearchFilters.NONE);
});

test('what an edited address gets wrong is dropped rather than sent: bad NAICS codes, dates, modes and sorts', () => {
  const read = SearchFilters.fromHash('#/?naics=339113, 12x,1234567,42&postedFrom=yesterday&dueTo=2026-1-5&mode=magic&sort=price');
  assert.deepEqual(read.naics, ['339113', '42']);
  assert.equal(read.postedFrom, '');
  assert.equal(read.dueTo, '');
  assert.equal(read.mode, '');
  assert.equal(read.sort, 'posted');
});

test('the list asks the search API for every filter, NAICS codes repeated, a page at a time', () => {
  const read = SearchFilters.fromHash('#/?q=gauze&naics=339113,339112&psc=65&agency=veterans&state=TX'
    + '&postedFrom=2026-01-01&postedTo=2026-06-30&sort=due');
  assert.equal(SearchFilters.request(read, 'CURSOR'), '/opportunities?limit=25&q=gauze&psc=65&agency=veterans&state=TX'
    + '&postedFrom=2026-01-01&postedTo=2026-06-30&naics=339113&naics=339112&active=true&sort=due&cursor=CURSOR');
  assert.equal(SearchFilters.request(SearchFilters.NONE), '/opportunities?limit=25&active=true');
});

test('with a mode the AI search is asked, with the filters it takes', () => {
  const read = SearchFilters.fromHash('#/?q=hand+protection&mode=semantic&naics=339113&setAside=SBA&state=TX&sort=due');
  assert.equal(SearchFilters.request(read, 'ignored'),
    '/ai/search?limit=25&q=hand+protection&mode=semantic&naics=339113&setAside=SBA');
});

test('an empty result says which filters it ran with', () => {
  assert.equal(SearchFilters.describe(SearchFilters.fromHash('#/?q=gloves&naics=339113,339112&setAside=WOSB'
    + '&dueFrom=2026-12-01&state=TX')), 'keywords “gloves”, NAICS 339113 or 339112, Women-owned small business, '
    + 'performed in TX, due from 2026-12-01, open only');
  assert.equal(SearchFilters.describe(SearchFilters.fromHash('#/?active=false')), '');
});

test('a saved search keeps the search API\'s parameters and opens as the same list', () => {
  const chosen = SearchFilters.fromHash('#/?q=gloves&naics=339113,339112&setAside=SBA&sort=due');
  const saved = SearchFilters.toSaved(chosen);
  assert.deepEqual(saved, { q: 'gloves', setAside: 'SBA', naics: ['339113', '339112'], active: 'true', sort: 'due' });
  assert.deepEqual(SearchFilters.fromSaved(saved), chosen);
  const all = SearchFilters.fromHash('#/?agency=veterans&active=false');
  assert.deepEqual(SearchFilters.fromSaved(SearchFilters.toSaved(all)), all, 'not only open notices, as saved');
  assert.deepEqual(SearchFilters.fromSaved({ naics: '339113' }).naics, ['339113'], 'a single value may omit the list');
});

test('with a mode, an empty result names only the filters the AI search ran with', () => {
  assert.equal(SearchFilters.describe(SearchFilters.fromHash('#/?q=gloves&mode=semantic&psc=65&state=TX'
    + '&postedFrom=2026-01-01&agency=veterans')), 'keywords “gloves”, agency “veterans”, open only');
});
