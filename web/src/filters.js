// A search's filters as the list's address says them (#/?q=gloves&naics=339113&sort=due), so a search can be
// bookmarked and shared, and as the API takes them (GET /api/v1/opportunities, or /api/v1/ai/search with a mode).
'use strict';

const SET_ASIDES = {
  SBA: 'Total small business', SBP: 'Partial small business', '8A': '8(a)', '8AN': '8(a) sole source',
  HZC: 'HUBZone', HZS: 'HUBZone sole source', SDVOSBC: 'Service-disabled veteran-owned small business',
  SDVOSBS: 'SDVOSB sole source', WOSB: 'Women-owned small business', WOSBSS: 'WOSB sole source',
  EDWOSB: 'Economically disadvantaged WOSB', EDWOSBSS: 'EDWOSB sole source', VSA: 'Veteran-owned small business',
  VSS: 'VOSB sole source',
};

/** Every filter, with what an empty form holds; `active` (open only) is on unless the address says otherwise. */
const NO_FILTERS = Object.freeze({ q: '', mode: '', naics: [], psc: '', setAside: '', agency: '', state: '',
  postedFrom: '', postedTo: '', dueFrom: '', dueTo: '', active: true, sort: 'posted' });
const TEXT_FILTERS = ['q', 'mode', 'psc', 'setAside', 'agency', 'state', 'postedFrom', 'postedTo', 'dueFrom', 'dueTo'];
/** The filters the AI search takes besides q and mode (it lists current, open notices only). */
const AI_FILTERS = ['setAside', 'agency', 'dueFrom', 'dueTo'];
const MODES = ['', 'hybrid', 'semantic', 'keyword'];
const SORTS = ['posted', 'due'];

const SearchFilters = {
  NONE: NO_FILTERS,

  /** The filters an address names; what it does not name, or names wrongly, is left as an empty form has it. */
  fromHash(hash) {
    const at = hash.indexOf('?');
    const params = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
    const filters = { ...NO_FILTERS, naics: [] };
    for (const name of TEXT_FILTERS) filters[name] = (params.get(name) || '').trim();
    filters.naics = (params.get('naics') || '').split(',').map((code) => code.trim()).filter((code) => /^\d{2,6}$/.test(code));
    filters.active = params.get('active') !== 'false';
    if (!MODES.includes(filters.mode)) filters.mode = '';
    const sort = params.get('sort');
    filters.sort = SORTS.includes(sort) ? sort : 'posted';
    for (const day of ['postedFrom', 'postedTo', 'dueFrom', 'dueTo']) {
      if (!/^\d{4}-\d\d-\d\d$/.test(filters[day])) filters[day] = '';
    }
    return filters;
  },

  /** The list's address for the filters: only those that differ from an empty form, in a fixed order. */
  toHash(filters) {
    const params = new URLSearchParams();
    for (const name of Object.keys(NO_FILTERS)) {
      const value = filters[name];
      if (name === 'naics') { if (value.length) params.set(name, value.join(',')); }
      else if (name === 'active') { if (!value) params.set(name, 'false'); }
      else if (value && value !== NO_FILTERS[name]) params.set(name, value);
    }
    const query = params.toString();
    return '#/' + (query ? '?' + query : '');
  },

  /** What to ask the API: the path and its parameters, a page at a time from {@code cursor}. */
  request(filters, cursor, limit = 25) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (filters.mode) {
      params.set('q', filters.q);
      params.set('mode', filters.mode);
      for (const code of filters.naics) params.append('naics', code);
      for (const name of AI_FILTERS) if (filters[name]) params.set(name, filters[name]);
      return '/ai/search?' + params;
    }
    for (const name of TEXT_FILTERS) if (name !== 'mode' && filters[name]) params.set(name, filters[name]);
    for (const code of filters.naics) params.append('naics', code);
    if (filters.active) params.set('active', 'true');
    if (filters.sort !== 'posted') params.set('sort', filters.sort);
    if (cursor) params.set('cursor', cursor);
    return '/opportunities?' + params;
  },

  /**
   * The filters as a saved search keeps them (the search API's parameters, each a string or a list of strings); a
   * search by meaning has other parameters and is not saved.
   */
  toSaved(filters) {
    const saved = {};
    for (const name of TEXT_FILTERS) if (name !== 'mode' && filters[name]) saved[name] = filters[name];
    if (filters.naics.length) saved.naics = [...filters.naics];
    if (filters.active) saved.active = 'true';
    if (filters.sort !== 'posted') saved.sort = filters.sort;
    return saved;
  },

  /** A saved search's filters as the list's address. */
  fromSaved(saved) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(saved || {})) params.set(name, [].concat(value).join(','));
    if (!('active' in (saved || {}))) params.set('active', 'false');
    return SearchFilters.fromHash('?' + params);
  },

  /**
   * The filters in words, for a result that is empty: "keywords “gloves”, NAICS 339113, open only"; with a mode, those
   * the AI search takes.
   */
  describe(filters) {
    const said = [];
    const taken = (name) => !filters.mode || AI_FILTERS.includes(name);
    if (filters.q) said.push('keywords “' + filters.q + '”');
    if (filters.naics.length) said.push('NAICS ' + filters.naics.join(' or '));
    if (filters.psc && taken('psc')) said.push('PSC ' + filters.psc);
    if (filters.setAside) said.push(SET_ASIDES[filters.setAside] || 'set-aside ' + filters.setAside);
    if (filters.agency) said.push('agency “' + filters.agency + '”');
    if (filters.state && taken('state')) said.push('performed in ' + filters.state);
    if ((filters.postedFrom || filters.postedTo) && taken('postedFrom')) {
      said.push('posted ' + range(filters.postedFrom, filters.postedTo));
    }
    if (filters.dueFrom || filters.dueTo) said.push('due ' + range(filters.dueFrom, filters.dueTo));
    if (filters.active || filters.mode) said.push('open only');
    return said.join(', ');
  },
};

function range(from, to) {
  if (from && to) return from + ' to ' + to;
  return from ? 'from ' + from : 'until ' + to;
}

if (typeof module !== 'undefined') module.exports = { SearchFilters, SET_ASIDES };
