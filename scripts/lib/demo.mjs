// The demo installation `npm start` brings up: an account with an admin and an operator, a member
// of the agency's staff (its console in the panel), and a demo site whose page carries the install code. Idempotent: existing records are reused; the
// passwords (also the CMS super-admin's) are generated once and kept in <data>/demo-credentials.json.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const ADMIN_EMAIL = 'admin@demo.callpy.local';
const OPERATOR_EMAIL = 'operator@demo.callpy.local';
const AGENCY_EMAIL = 'agency@demo.callpy.local';
const STAFF_EMAIL = 'staff@demo.callpy.local';

async function cms(cmsUrl, token, method, route, body) {
  const res = await fetch(`${cmsUrl}/api/callpy${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`CMS ${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * The logins of <data>/demo-credentials.json, each generated on first use and kept: the demo
 * account's admin and operator, the agency's staff member (`staff`, the panel's agency console),
 * and the agency's Strapi super-admin (`agency`), which the CMS
 * seeds on its first start so its "create the first administrator" form is never open.
 */
export function demoCredentials(dataDir) {
  const file = path.join(dataDir, 'demo-credentials.json');
  const creds = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  creds.admin ??= { email: ADMIN_EMAIL, password: randomBytes(9).toString('base64url') };
  creds.operator ??= { email: OPERATOR_EMAIL, password: randomBytes(9).toString('base64url') };
  creds.staff ??= { email: STAFF_EMAIL, password: randomBytes(9).toString('base64url') };
  // Strapi wants an upper-case letter, a lower-case one and a digit in an admin's password.
  creds.agency ??= { email: AGENCY_EMAIL, password: `Cp1${randomBytes(12).toString('base64url')}` };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(creds, null, 2), { mode: 0o600 });
  return creds;
}

export async function seedDemo({ cmsUrl, apiToken, dataDir, demoSiteUrl }) {
  const creds = demoCredentials(dataDir);

  const snapshot = await cms(cmsUrl, apiToken, 'GET', '/snapshot');
  // The CMS seeds the default agency (the first) and gives it every account made without one.
  const agency = [...snapshot.agencies].sort((a, b) => a.id - b.id)[0];
  let account = snapshot.accounts.find((a) => a.name === 'Demo');
  account ??= (await cms(cmsUrl, apiToken, 'POST', '/accounts', { data: { name: 'Demo', language: 'ru', timezone: 'Europe/Moscow' } })).data;

  const staff = snapshot.users.find((x) => x.email === STAFF_EMAIL);
  if (staff) await cms(cmsUrl, apiToken, 'PUT', `/users/${staff.id}`, { password: creds.staff.password, blocked: false, confirmed: true });
  else await cms(cmsUrl, apiToken, 'POST', '/users', { ...creds.staff, role: 'agency-staff', agency: agency.documentId, firstName: 'Ольга', lastName: 'Агентова', confirmed: true, blocked: false });

  const users = [
    { ...creds.admin, role: 'account-admin', firstName: 'Анна', lastName: 'Админова' },
    { ...creds.operator, role: 'operator', firstName: 'Олег', lastName: 'Операторов' },
  ];
  const seeded = [];
  for (const u of users) {
    const existing = snapshot.users.find((x) => x.email === u.email);
    if (existing) seeded.push(await cms(cmsUrl, apiToken, 'PUT', `/users/${existing.id}`, { password: u.password, blocked: false, confirmed: true }));
    else seeded.push(await cms(cmsUrl, apiToken, 'POST', '/users', { ...u, account: account.documentId, confirmed: true, blocked: false }));
  }

  // A5: two departments; the operator answers for sales, so transfers and Common can be tried.
  const operator = seeded.find((u) => u.email === OPERATOR_EMAIL);
  for (const { name, members } of [
    { name: 'Отдел продаж', members: [operator.documentId] },
    { name: 'Техподдержка', members: [] },
  ]) {
    if (snapshot.departments.some((d) => d.account === account.documentId && d.name === name)) continue;
    await cms(cmsUrl, apiToken, 'POST', '/departments', { data: { name, account: account.documentId, members } });
  }

  // A9: the demo account is on Enterprise for 20 operators with four months left, so «Оплата»
  // shows a filled card and the team can be tried out (invitations) without hitting the seats.
  if (!(snapshot.billingLicences ?? []).some((l) => l.account === account.documentId)) {
    const paidUntil = new Date(Date.now() + 122 * 24 * 3600 * 1000).toISOString();
    await cms(cmsUrl, apiToken, 'POST', '/billing-licences', { data: { account: account.documentId, plan: 'enterprise', seats: 20, paidUntil } });
  }

  const origin = new URL(demoSiteUrl).origin;
  let site = snapshot.sites.find((s) => s.account === account.documentId && s.name === 'Demo site');
  site ??= (
    await cms(cmsUrl, apiToken, 'POST', '/sites', {
      data: { name: 'Demo site', url: demoSiteUrl, origins: [...new Set([origin, origin.replace('localhost', '127.0.0.1')])], publicKey: randomBytes(12).toString('base64url'), chatLanguage: 'ru', account: account.documentId },
    })
  ).data;
  return { creds, site, accountId: account.documentId };
}

/** A small page of a pretend shop with the install code right after <body>. */
export function startDemoSite({ port, host = '0.0.0.0', installCode }) {
  const page = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Демо-магазин — Callpy</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#1f2937}header{background:#0f766e;color:#fff;padding:24px 32px}
main{max-width:880px;margin:32px auto;padding:0 24px}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px}
.card{border:1px solid #e5e7eb;border-radius:12px;padding:16px}.card b{display:block;margin-bottom:8px}</style></head>
<body>
${installCode}
<header><h1>Демо-магазин</h1><p>Страница демонстрационного сайта с установленным виджетом Callpy.</p></header>
<main><div class="cards">
<div class="card"><b>Чайник</b>2 490 ₽</div><div class="card"><b>Кофемолка</b>3 990 ₽</div><div class="card"><b>Тостер</b>2 190 ₽</div>
</div></main>
</body></html>`;
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
