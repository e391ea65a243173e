// Discovery of content-type folders, without Strapi.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, cmsDir, repoDir, tempDir } from './helpers.mjs';

buildServer();
const require = createRequire(import.meta.url);
const { discoverContentTypes } = require(join(cmsDir, 'dist/src/plugins/callpy/server/content-types.js'));

const schema = (singularName, pluralName, attributes = { title: { type: 'string' } }, extra = {}) =>
  JSON.stringify({ kind: 'collectionType', info: { singularName, pluralName, displayName: singularName }, attributes, ...extra });

function tree(files) {
  const t = tempDir('callpy-ct-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(t.dir, path, '..'), { recursive: true });
    writeFileSync(join(t.dir, path), content);
  }
  return t;
}

test('the real repo: core and plugin types are found with their uids and owners, no drafts', () => {
  const types = discoverContentTypes(repoDir);
  const byName = Object.fromEntries(types.map((t) => [t.name, t]));
  const owners = { account: 'core', site: 'core', 'plugin-enablement': 'core', department: 'plugins/chat', schedule: 'plugins/chat' };
  for (const [name, owner] of Object.entries(owners)) {
    assert.ok(byName[name], name);
    assert.equal(byName[name].uid, `plugin::callpy.${name}`);
    assert.equal(byName[name].schema.options.draftAndPublish, false);
    assert.equal(byName[name].owner, owner);
  }
  assert.equal(byName.site.schema.attributes.publicKey.unique, true);
});

test('core/, plugins/*/ and integrations/*/ folders are all read', () => {
  const t = tree({
    'core/content-types/widget-design/schema.json': schema('widget-design', 'widget-designs'),
    'plugins/forms/content-types/form/schema.json': schema('form', 'forms'),
    'integrations/amocrm/content-types/amocrm-link/schema.json': schema('amocrm-link', 'amocrm-links'),
    'plugins/empty/content-types/.gitkeep': '',
  });
  try {
    const types = discoverContentTypes(t.dir);
    assert.deepEqual(types.map((x) => [x.name, x.owner]), [
      ['widget-design', 'core'],
      ['amocrm-link', 'integrations/amocrm'],
      ['form', 'plugins/forms'],
    ].sort((a, b) => ['core', 'plugins/forms', 'integrations/amocrm'].indexOf(a[1]) - ['core', 'plugins/forms', 'integrations/amocrm'].indexOf(b[1])));
    assert.equal(types.find((x) => x.name === 'form').schema.collectionName, 'callpy_forms');
  } finally {
    t.remove();
  }
});

test('a duplicate name is an error naming both files', () => {
  const t = tree({
    'core/content-types/form/schema.json': schema('form', 'forms'),
    'plugins/forms/content-types/form/schema.json': schema('form', 'forms'),
  });
  try {
    assert.throws(() => discoverContentTypes(t.dir), (err) => {
      assert.match(err.message, /Duplicate content type "form"/);
      assert.ok(err.message.includes(join(t.dir, 'core/content-types/form/schema.json')));
      assert.ok(err.message.includes(join(t.dir, 'plugins/forms/content-types/form/schema.json')));
      return true;
    });
  } finally {
    t.remove();
  }
});

test('bad schemas fail with the file name', () => {
  const cases = [
    ['broken JSON', '{ nope', /Invalid JSON/],
    ['singularName mismatch', schema('other', 'others'), /must equal its folder name/],
    ['no pluralName', JSON.stringify({ info: { singularName: 'thing' }, attributes: {} }), /pluralName/],
    ['drafts', schema('thing', 'things', undefined, { options: { draftAndPublish: true } }), /draftAndPublish must be false/],
    ['reserved attribute', schema('thing', 'things', { locale: { type: 'string' } }), /reserved by Strapi/],
  ];
  for (const [label, content, pattern] of cases) {
    const t = tree({ 'core/content-types/thing/schema.json': content });
    try {
      assert.throws(() => discoverContentTypes(t.dir), (err) => {
        assert.match(err.message, pattern, label);
        assert.ok(err.message.includes('thing/schema.json'), `${label}: names the file`);
        return true;
      });
    } finally {
      t.remove();
    }
  }
  const reserved = tree({ 'core/content-types/snapshot/schema.json': schema('snapshot', 'snapshots') });
  try {
    assert.throws(() => discoverContentTypes(reserved.dir), /reserved by the callpy plugin/);
  } finally {
    reserved.remove();
  }
});
