// The AI analysis of an opportunity (its requirements, and its fit to the tenant's profile with the reasons), and the
// tenant's capability profile it is scored against. An analysis runs in the background: asked for, it shows as
// running until the ai.analysis notification (or a later look) brings its result.
'use strict';

class AiAnalysis {
  /** @param current the notice open now: an answer about another one is not shown */
  constructor(api, $, current) {
    this.api = api;
    this.$ = $;
    this.current = current;
    this.loads = 0;
  }

  clear() {
    const $ = this.$;
    this.loads += 1;
    for (const id of ['reasons', 'requirements']) $(id).replaceChildren();
    for (const id of ['fit-score', 'analysis-status']) $(id).textContent = '';
  }

  async show(noticeId) {
    const load = ++this.loads;
    const wanted = () => load === this.loads && this.current() === noticeId;
    try {
      const analysis = await this.api('/ai/opportunities/' + encodeURIComponent(noticeId) + '/analysis');
      if (wanted()) this.render(analysis);
    } catch (e) {
      if (wanted()) {
        this.$('analysis-status').textContent = e.status === 404 ? 'Not analysed yet.' : 'Could not load: ' + e.message;
      }
    }
  }

  async analyse(noticeId) {
    this.$('analysis-status').textContent = 'Analysing…';
    try {
      await this.api('/ai/opportunities/' + encodeURIComponent(noticeId) + '/analysis', { method: 'POST' });
    } catch (e) {
      if (this.current() === noticeId) this.$('analysis-status').textContent = 'Not analysed: ' + e.message;
    }
  }

  render(analysis) {
    const $ = this.$;
    this.clear();
    if (analysis.state === 'running') {
      $('analysis-status').textContent = 'Analysing…';
      return;
    }
    if (analysis.state === 'failed') {
      $('analysis-status').textContent = 'Not analysed: ' + analysis.failure;
      return;
    }
    const read = analysis.documents?.length
      ? ' and ' + analysis.documents.map((d) => d.fileName).join(', ') : '';
    $('analysis-status').textContent = 'Analysed the notice' + read + ' on ' + analysis.finishedAt.slice(0, 10) + '.';
    if (analysis.fit) {
      $('fit-score').textContent = 'Fit ' + analysis.fit.score + '/100: ' + analysis.fit.recommendation;
      $('reasons').replaceChildren(...analysis.fit.reasons.map((r) => {
        const item = document.createElement('li');
        item.textContent = (r.points > 0 ? '+' : '') + r.points + ' ' + r.reason + ' (' + r.basis + ')';
        return item;
      }));
    } else {
      $('fit-score').textContent = 'No fit score: set your profile first.';
    }
    $('requirements').replaceChildren(...analysis.requirements.map((r) => {
      const item = document.createElement('li');
      const what = document.createElement('strong');
      what.textContent = r.kind + ': ' + r.value;
      const where = document.createElement('q');
      where.textContent = r.sentence;
      const source = document.createElement('small');
      source.textContent = r.fileName ? ' (' + r.fileName + ', page ' + r.page + ')' : ' (the notice)';
      item.append(what, document.createElement('br'), where, source);
      return item;
    }));
    if (!analysis.requirements.length) {
      $('requirements').append(Object.assign(document.createElement('li'), { textContent: 'None stated.' }));
    }
  }

  /**
   * The profile form, its certifications named as the API's own schema lists them (GET /openapi.json); the form stays
   * disabled until both have loaded, so a failed load is never saved over the stored profile.
   */
  async loadProfile() {
    const $ = this.$;
    $('profile-fields').disabled = true;
    $('profile-status').textContent = 'Loading…';
    const [spec, profile] = await Promise.all([
      fetch('/openapi.json').then((r) => {
        if (!r.ok) throw new Error('the API description is unavailable');
        return r.json();
      }),
      this.api('/ai/profile').catch((e) => {
        if (e.status === 404) return { capability: '', naics: [], certifications: [], pastWins: [] };
        throw e;
      }),
    ]);
    const path = Object.keys(spec.paths || {}).find((p) => p.endsWith('/ai/profile'));
    const names = spec.paths?.[path]?.put?.requestBody?.content?.['application/json']?.schema?.properties
      ?.certifications?.items?.enum;
    if (!names) throw new Error('the AI service has not described its profile yet');
    $('certification-boxes').replaceChildren(...names.map((name) => {
      const label = document.createElement('label');
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: name });
      box.checked = (profile.certifications || []).includes(name);
      label.append(box, ' ' + name);
      return label;
    }));
    $('capability').value = profile.capability || '';
    $('profile-naics').value = (profile.naics || []).join(', ');
    $('past-wins').value = (profile.pastWins || []).join('\n');
    $('profile-status').textContent = '';
    $('profile-fields').disabled = false;
  }

  async saveProfile() {
    const $ = this.$;
    const body = {
      capability: $('capability').value,
      naics: $('profile-naics').value.split(',').map((s) => s.trim()).filter(Boolean),
      certifications: [...document.querySelectorAll('#certification-boxes input:checked')].map((box) => box.value),
      pastWins: $('past-wins').value.split('\n').map((s) => s.trim()).filter(Boolean),
    };
    try {
      await this.api('/ai/profile', { method: 'PUT', body: JSON.stringify(body) });
      $('profile-status').textContent = 'Saved.';
    } catch (e) {
      $('profile-status').textContent = 'Not saved: ' + e.message;
    }
  }
}
