// The team (admins, #/team): the tenant's users (GET /api/v1/users), inviting one (its one-time password shown once),
// removing one; and importing a SAM.gov file (POST /api/v1/opportunities/import) with its progress and its report.
'use strict';

/** How many of an import's rejections are listed (the API answers up to 1,000). */
const REJECTIONS_SHOWN = 20;

class Team {
  constructor(api, $, token, me, expired) {
    this.api = api;
    this.$ = $;
    this.token = token; // the bearer token, for the import's upload
    this.me = me;
    this.expired = expired; // the session ended: log in again
    this.loads = 0;
  }

  /** The team for an admin; for a member, only why there is nothing here for them. */
  async load(admin) {
    // a one-time password is shown once: not again on the next visit
    this.$('invited').hidden = true;
    this.$('invited-password').textContent = '';
    for (const form of ['invite-form', 'import-form', 'team']) this.$(form).hidden = !admin;
    if (!admin) {
      this.$('team-status').textContent = 'Only the team\'s admins manage it.';
      return;
    }
    const load = ++this.loads;
    this.$('team-status').textContent = 'Loading…';
    try {
      const { users } = await this.api('/users');
      if (load !== this.loads) return;
      this.$('users').replaceChildren(...users.map((user) => this.row(user)));
      this.$('team-status').textContent = users.length + (users.length === 1 ? ' user' : ' users');
    } catch (e) {
      this.$('team-status').textContent = e.status === 403 ? 'Only the team\'s admins manage it.'
        : 'Could not load the team: ' + e.message;
    }
  }

  row(user) {
    const row = document.createElement('tr');
    row.dataset.email = user.email;
    const cells = [user.email, user.role, user.createdAt.slice(0, 10)].map((text) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      return cell;
    });
    const action = document.createElement('td');
    if (user.id !== this.me()) {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'Remove ' + user.email);
      remove.addEventListener('click', async () => {
        try {
          await this.api('/users/' + encodeURIComponent(user.id), { method: 'DELETE' });
          row.remove();
          this.$('team-status').textContent = user.email + ' removed: their sessions end now.';
        } catch (e) {
          this.$('team-status').textContent = 'Not removed: ' + e.message;
        }
      });
      action.append(remove);
    }
    row.append(...cells, action);
    return row;
  }

  async invite(email, role) {
    this.$('invited').hidden = true;
    try {
      const user = await this.api('/users', { method: 'POST', body: JSON.stringify({ email, role }) });
      this.$('invited-email').textContent = user.email;
      this.$('invited-password').textContent = user.password;
      this.$('invited').hidden = false;
      this.$('invite-status').textContent = '';
      this.$('users').append(this.row({ ...user, createdAt: new Date().toISOString() }));
    } catch (e) {
      this.$('invite-status').textContent = 'Not invited: ' + e.message;
    }
  }

  /** Uploads the file with its progress; the answer is the import's report, rejections and all. */
  import(file) {
    const $ = this.$;
    if ($('import-file').disabled) return;
    $('import-file').disabled = true; // one import at a time: its progress and report have one place
    const progress = $('import-progress');
    progress.value = 0;
    progress.hidden = false;
    $('import-status').textContent = 'Uploading ' + file.name + '…';
    $('import-rejections').replaceChildren();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/opportunities/import');
    xhr.setRequestHeader('Authorization', 'Bearer ' + this.token());
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) progress.value = Math.floor((100 * e.loaded) / e.total); };
    // the upload is whole: the records are being read (the tray follows them)
    xhr.upload.onload = () => { $('import-status').textContent = 'Importing ' + file.name + '…'; };
    xhr.onloadend = () => { $('import-file').disabled = false; };
    xhr.onload = () => {
      progress.hidden = true;
      if (xhr.status === 401) { this.expired(); return; }
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (ignored) { /* not JSON: the status says enough */ }
      if (xhr.status !== 200) {
        $('import-status').textContent = 'Not imported: ' + (body?.detail || xhr.statusText);
        return;
      }
      $('import-status').textContent = file.name + ': ' + body.records + ' records, ' + body.inserted + ' new, '
        + body.updated + ' updated, ' + body.unchanged + ' unchanged, ' + body.rejected + ' rejected.';
      $('import-rejections').replaceChildren(...body.rejections.slice(0, REJECTIONS_SHOWN).map((r) => {
        const item = document.createElement('li');
        item.textContent = 'Record ' + r.record + (r.noticeId ? ' (' + r.noticeId + ')' : '') + ': ' + r.reason;
        return item;
      }));
    };
    xhr.onerror = () => { progress.hidden = true; $('import-status').textContent = 'Not imported: the connection failed'; };
    xhr.send(file);
  }
}
