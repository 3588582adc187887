// A notice as a capture manager reads it: what it is, who buys, when it is due and how long is left, for whom it is
// set aside and what it classifies as, where it is performed, whom to ask, its attachments and SAM.gov's page.
// Reads timeLeft from board.js.
'use strict';

/** The notice's facts in reading order: [{label, parts: [{text, href?}]}], leaving out what the notice lacks. */
function noticeRows(o, now = Date.now()) {
  const rows = [];
  const row = (label, ...parts) => {
    const kept = parts.filter((part) => part && part.text);
    if (kept.length) rows.push({ label, parts: kept });
  };
  const text = (value) => (value ? { text: String(value) } : null);
  // links come from imported files: only web and mail addresses are followed, anything else is shown as text
  const link = (value, href) => (!href ? null : /^(https?:|mailto:|#\/)/i.test(href) ? { text: value || href, href }
    : { text: value ? value + ' (' + href + ')' : href });

  row('Type', text([o.type, o.baseType && o.baseType !== o.type ? '(' + o.baseType + ')' : ''].filter(Boolean).join(' ')));
  row('Solicitation number', text(o.solicitationNumber));
  // SAM.gov's API gives the description as a link that needs an API key: its page on SAM.gov has it
  const described = o.description && !/^https?:\/\/\S+$/.test(o.description.trim());
  row('Description', described ? text(o.description) : link('on SAM.gov', o.uiLink));
  row('Buyer', text((o.agency || '').split('.').filter(Boolean).join(' › ')));
  row('Office', text(address(o.officeAddress)));
  row('Posted', text(o.postedDate));
  row('Response due', text(o.responseDeadline && o.responseDeadline.replace('T', ' ').replace(/:00(\.0+)?Z$/, ' UTC')
    + ' (' + timeLeft(o.responseDeadline, now) + ')'));
  row('Set-aside', text(o.setAsideDescription || o.setAside));
  row('NAICS', ...(o.naicsCodes || []).map((code) => link(code, 'https://www.census.gov/naics/?input='
    + encodeURIComponent(code) + '&year=2022&details=' + encodeURIComponent(code))));
  row('Product/service code', text(o.psc));
  row('Place of performance', text(place(o.placeOfPerformance)));
  row('Contacts', ...(o.pointOfContact || []).flatMap((c) => [
    text([c.fullName, c.title, c.type && '(' + c.type + ')'].filter(Boolean).join(' ')),
    c.email ? link(c.email, 'mailto:' + c.email) : null,
    text(c.phone),
  ]));
  row('Attachments', ...(o.resourceLinks || []).map((href, i) => link('Attachment ' + (i + 1), href)));
  row('Amended by', o.supersededBy ? link(o.supersededBy, '#/opportunities/' + encodeURIComponent(o.supersededBy)) : null);
  row('Award', text(o.award && [o.award.awardee?.name, o.award.amount && '$' + o.award.amount, o.award.date]
    .filter(Boolean).join(', ')));
  row('SAM.gov', link('the notice on SAM.gov', o.uiLink));
  return rows;
}

/** What a later notice of a solicitation changed from an earlier one, as "what: before → after" lines. */
function noticeChanges(before, after) {
  const changes = [];
  // attachments by their addresses (a file replaced keeps its label); the rest by what the page says
  const said = (o) => Object.fromEntries(noticeRows(o, 0).filter((r) => CHANGES_TOLD.includes(r.label))
    .map((r) => [r.label, r.parts.map((p) => (r.label === 'Attachments' ? p.href || p.text : p.text)).join(' · ')
      .replace(/ \((due in|closed) [^)]*\)$/, '')]));
  const was = said(before);
  const is = said(after);
  if (before.title !== after.title) changes.push('title: ' + before.title + ' → ' + after.title);
  for (const label of CHANGES_TOLD) {
    if ((was[label] || '') !== (is[label] || '')) changes.push(label + ': ' + (was[label] || 'none') + ' → ' + (is[label] || 'none'));
  }
  return changes;
}

/** The facts an amendment changes that a capture manager looks for, in the page's words. */
const CHANGES_TOLD = ['Type', 'Description', 'Response due', 'Set-aside', 'NAICS', 'Product/service code',
  'Place of performance', 'Contacts', 'Attachments'];

function address(a) {
  return a && [a.city, a.state, a.zipcode].filter(Boolean).join(', ');
}

function place(p) {
  return p && [p.city?.name, p.state?.name || p.state?.code, p.country?.code !== 'USA' && p.country?.name]
    .filter(Boolean).join(', ');
}

if (typeof module !== 'undefined') module.exports = { noticeRows, noticeChanges };
