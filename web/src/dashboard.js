// The dashboard: the tenant's numbers from the analytics service (GET /api/v1/analytics/summary and …/timeseries),
// drawn with Chart.js; each chart also says its numbers in text, for screen readers and for tests.
'use strict';

// the largest groups shown of each count by a fact (the API answers up to 50)
const SHOWN = 10;

function seconds(ms) {
  return ms === null ? '—' : (ms / 1000).toFixed(1) + ' s';
}

class Dashboard {
  constructor(api, $) {
    this.api = api;
    this.$ = $;
    this.charts = new Map();
    this.loads = 0;
  }

  async load() {
    const $ = this.$;
    const load = ++this.loads;
    $('dashboard-status').textContent = 'Loading…';
    try {
      const [summary, moves] = await Promise.all([this.api('/analytics/summary'),
        this.api('/analytics/timeseries?metric=pipeline-moves&interval=day')]);
      if (load !== this.loads) return; // a later load's answers are on their way: these are older
      this.kpis(summary);
      const stages = summary.pipeline.stages;
      this.draw('stages-chart', 'bar', stages.map((s) => s.stage), stages.map((s) => s.opportunities), 'Opportunities');
      $('stages-text').textContent = stages.length
        ? stages.map((s) => s.stage + ' ' + s.opportunities).join(', ')
        : 'No opportunity on the pipeline yet.';
      this.draw('moves-chart', 'line', moves.points.map((p) => p.at), moves.points.map((p) => p.value), 'Moves');
      const days = moves.points.filter((p) => p.value > 0);
      $('moves-text').textContent = days.length
        ? days.map((p) => p.at + ': ' + p.value).join(', ')
        : 'No move from ' + moves.from + ' to ' + moves.to + '.';
      this.months(summary.opportunities.byMonth);
      const facts = summary.opportunities;
      this.rows('by-department', facts.byDepartment.slice(0, SHOWN).map((r) => [r.department, r.opportunities]));
      this.rows('by-naics', facts.byNaics.slice(0, SHOWN).map((r) => [r.naics, r.opportunities]));
      this.rows('by-set-aside', facts.bySetAside.slice(0, SHOWN).map((r) => [r.setAside || 'none', r.opportunities]));
      $('dashboard-status').textContent = '';
    } catch (e) {
      if (load === this.loads) {
        $('dashboard-status').textContent = 'The numbers could not be loaded (those shown may be old): ' + e.message;
      }
    }
  }

  kpis(summary) {
    const p = summary.pipeline;
    const times = summary.documents.processingMs;
    const shown = [
      ['Win rate', p.winRate === null ? '—' : Math.round(p.winRate * 100) + ' %'],
      ['Won', p.won], ['Lost', p.lost], ['Pipeline moves', p.moves],
      ['Documents processed', times.documents],
      ['Processing time (median)', seconds(times.p50)],
      ['Reading text (median)', seconds(summary.documents.stepsMs.text?.p50 ?? null)],
    ];
    this.$('kpis').replaceChildren(...shown.map(([name, value]) => {
      const item = document.createElement('div');
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = name;
      dd.textContent = String(value);
      item.dataset.kpi = name;
      item.append(dt, dd);
      return item;
    }));
  }

  months(byMonth) {
    this.rows('months', byMonth.map((row) => [row.month, row.change, row.opportunities]));
  }

  rows(table, values) {
    this.$(table).tBodies[0].replaceChildren(...values.map((row) => {
      const tr = document.createElement('tr');
      for (const value of row) {
        const td = document.createElement('td');
        td.textContent = String(value);
        tr.append(td);
      }
      return tr;
    }));
  }

  // a chart is drawn again in place: Chart.js keeps one chart per canvas
  draw(id, type, labels, values, label) {
    this.charts.get(id)?.destroy();
    const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim();
    this.charts.set(id, new Chart(this.$(id), {
      type,
      data: { labels, datasets: [{ label, data: values, backgroundColor: accent, borderColor: accent }] },
      options: { animation: false, plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }));
  }
}
