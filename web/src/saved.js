// Saved searches (/api/v1/saved-searches): the list's search saved under a name with how its new matches arrive (the
// tray always; e-mail daily or weekly), and #/saved to open, rename, change or delete them. Reads SearchFilters.
'use strict';

const ALERTS = { none: 'in the tray only', daily: 'in the tray and by e-mail daily', weekly: 'in the tray and by e-mail weekly' };

class SavedSearches {
  constructor(api, $, me) {
    this.api = api;
    this.$ = $;
    this.me = me; // the user's id: only who saved a search chooses its e-mails, which go to them
    this.loads = 0;
  }

  /** Saves the search the list's address holds. */
  async save(hash, name, alerts) {
    const filters = SearchFilters.fromHash(hash);
    if (filters.mode) {
      this.$('save-status').textContent = 'A search by meaning cannot be saved: save it as a search by words.';
      return;
    }
    try {
      const saved = await this.api('/saved-searches', { method: 'POST', body: JSON.stringify({ name, alerts,
        filters: SearchFilters.toSaved(filters), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' }) });
      this.$('save-status').textContent = 'Saved as “' + saved.name + '”: its new matches arrive ' + ALERTS[saved.alerts] + '.';
    } catch (e) {
      this.$('save-status').textContent = 'Not saved: ' + e.message;
    }
  }

  async load() {
    const load = ++this.loads;
    this.status('Loading…');
    try {
      const { savedSearches } = await this.api('/saved-searches');
      if (load !== this.loads) return;
      this.$('saved-list').replaceChildren(...savedSearches.map((s) => this.item(s)));
      this.status(savedSearches.length ? '' : 'No saved search yet: search, then save it from the list.');
    } catch (e) {
      this.status('Could not load the saved searches: ' + e.message);
    }
  }

  status(text) {
    this.$('saved-status').textContent = text;
  }

  /** One saved search: its name opening its list, what it filters, how its matches arrive, rename and delete. */
  item(saved) {
    const item = document.createElement('li');
    item.dataset.id = saved.id;
    const filters = SearchFilters.fromSaved(saved.filters);
    const open = document.createElement('a');
    open.href = SearchFilters.toHash(filters);
    open.textContent = saved.name;
    const what = document.createElement('small');
    what.textContent = SearchFilters.describe(filters) || 'every opportunity';
    const form = document.createElement('form');
    form.className = 'saved-edit';
    const name = document.createElement('input');
    name.value = saved.name;
    name.required = true;
    name.maxLength = 100;
    name.setAttribute('aria-label', 'Name of “' + saved.name + '”');
    const own = saved.createdBy === this.me();
    const alerts = document.createElement('select');
    alerts.setAttribute('aria-label', 'How the matches of “' + saved.name + '” arrive');
    for (const [value, text] of Object.entries(ALERTS)) alerts.add(new Option(text, value, false, value === saved.alerts));
    const theirs = document.createElement('small');
    theirs.textContent = 'Saved by a teammate: its matches arrive ' + ALERTS[saved.alerts] + ' (to them).';
    const update = document.createElement('button');
    update.type = 'submit';
    update.textContent = 'Save changes';
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary';
    remove.textContent = 'Delete';
    remove.setAttribute('aria-label', 'Delete “' + saved.name + '”');
    form.append(name, ...(own ? [alerts] : []), update, remove);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const changed = await this.api('/saved-searches/' + encodeURIComponent(saved.id), { method: 'PUT',
          body: JSON.stringify({ name: name.value, filters: saved.filters, ...(own ? { alerts: alerts.value } : {}) }) });
        item.replaceWith(this.item(changed));
        this.status('“' + changed.name + '” saved.');
      } catch (e) {
        this.status('Not saved: ' + e.message);
      }
    });
    remove.addEventListener('click', async () => {
      try {
        await this.api('/saved-searches/' + encodeURIComponent(saved.id), { method: 'DELETE' });
        item.remove();
        this.status('“' + saved.name + '” deleted.');
      } catch (e) {
        this.status('Not deleted: ' + e.message);
      }
    });
    item.append(open, document.createElement('br'), what, ...(own ? [] : [document.createElement('br'), theirs]), form);
    return item;
  }
}
