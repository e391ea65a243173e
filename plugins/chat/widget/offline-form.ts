import { h, icon } from './dom.js';
import type { Dict } from './i18n.js';
import { FIELD_MAX, validateOffline, type OfflineFields, type OfflineProblems } from './validate.js';

/** The form's own styles: they come with this chunk, not with the first paint. */
export const css = `
.form{flex:1;min-height:0;overflow-y:auto;padding:14px 18px 16px;background:var(--bg);display:flex;flex-direction:column;gap:10px}
.form .intro{margin:0;color:var(--mu);font-size:13px;white-space:pre-wrap}
.fld{display:flex;flex-direction:column;gap:4px}
.fld label{font-size:13px;font-weight:500}
.fld label small{font-weight:400;color:var(--mu);font-size:12px}
.fld input,.fld textarea{width:100%;border:1px solid #d0d5dd;border-radius:10px;padding:8px 12px;background:var(--bg);color:var(--tx);font-size:14px;line-height:1.4;transition:border-color .15s,box-shadow .15s}
.fld textarea{resize:vertical;min-height:72px;max-height:240px}
.fld input:focus,.fld textarea:focus{border-color:var(--a);box-shadow:0 0 0 3px color-mix(in srgb,var(--a) 20%,transparent);outline:none}
.fld [aria-invalid=true]{border-color:var(--er)}
.fld [aria-invalid=true]:focus{box-shadow:0 0 0 3px rgba(217,45,32,.15)}
.fe{color:var(--er);font-size:12.5px}
.primary{height:44px;border-radius:10px;background:var(--a);color:var(--on-a);font-weight:600;font-size:15px;flex:none}
.primary:hover{background:var(--a2)}
.primary:disabled{opacity:.65;cursor:default}
.ferr{margin:0;padding:8px 12px;border-radius:10px;background:#fde8e7;color:#912018;font-size:13px}
.thanks{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;gap:10px;padding:24px;background:var(--bg)}
.thanks .ok{width:56px;height:56px;border-radius:50%;background:#dcfce7;color:var(--ok);display:flex;align-items:center;justify-content:center}
.thanks .ok svg{width:30px;height:30px}
.thanks h2{margin:0;font-size:18px;font-weight:600}
.thanks p{margin:0;color:var(--mu);white-space:pre-wrap}
.thanks .to{color:var(--tx);font-weight:600;word-break:break-all}
@media (max-width:480px){.fld input,.fld textarea{font-size:16px}.form{padding-bottom:max(10px,env(safe-area-inset-bottom))}}
`;

export interface OfflineForm {
  body: HTMLElement;
  /** The first field: focused when the visitor opens the form. */
  first: HTMLElement;
  /** New captions (B8) while the form is shown: its intro follows; what the visitor typed stays. */
  relabel(t: Dict): void;
  /**
   * Nothing would be lost by leaving it: the thanks screen shows, or nothing is typed. An operator
   * coming online then takes the visitor to the chat (issue 9); a half-written request stays.
   */
  idle(): boolean;
}

/**
 * H6: the offline form — validation, a sending state, errors, and a thank-you. A lazy chunk: most
 * visitors never see it. `words` is read when a text is shown, so new captions apply.
 */
export function offlineForm(words: () => Dict, submit: (fields: OfflineFields) => Promise<string | null>): OfflineForm {
  const t = words();
  const body = h('div', { class: 'body' });
  const fields: Record<keyof OfflineFields, HTMLInputElement | HTMLTextAreaElement> = {} as never;
  const errors: Partial<Record<keyof OfflineFields, HTMLElement>> = {};
  const field = (key: keyof OfflineFields, label: string, attrs: Record<string, string>, optional = false) => {
    const id = `cp-f-${key}`;
    const input = key === 'text' ? h('textarea', { id, name: key, rows: '3', maxlength: String(FIELD_MAX.text), ...attrs }) : h('input', { id, name: key, maxlength: String(FIELD_MAX[key]), ...attrs });
    input.setAttribute('data-testid', `cp-offline-${key}`);
    fields[key] = input;
    const err = h('div', { class: 'fe', id: `${id}-e`, hidden: true });
    errors[key] = err;
    input.addEventListener('input', () => {
      if (input.getAttribute('aria-invalid') === 'true') show({ ...problems(), [key]: undefined });
    });
    return h('div', { class: 'fld' }, h('label', { for: id }, label, optional ? h('small', null, ` (${t.optional})`) : null), input, err);
  };
  const values = (): OfflineFields => ({ name: fields.name.value.trim(), email: fields.email.value.trim(), phone: fields.phone.value.trim(), text: fields.text.value.trim() });
  const problems = () => validateOffline(values());
  const show = (p: OfflineProblems) => {
    for (const key of Object.keys(fields) as (keyof OfflineFields)[]) {
      const problem = p[key];
      const input = fields[key];
      const err = errors[key]!;
      input.setAttribute('aria-invalid', String(!!problem));
      if (problem) input.setAttribute('aria-describedby', err.id);
      else input.removeAttribute('aria-describedby');
      err.hidden = !problem;
      err.textContent = problem === 'required' ? t.required : problem === 'email' ? t.badEmail : problem === 'phone' ? t.badPhone : problem === 'tooLong' ? t.tooLong(FIELD_MAX[key]) : '';
    }
  };
  const intro = h('p', { class: 'intro', 'data-testid': 'cp-offline-intro' }, t.offlineIntro);
  const failure = h('p', { class: 'ferr', role: 'alert', hidden: true, 'data-testid': 'cp-offline-error' });
  const button = h('button', { class: 'primary', type: 'submit', 'data-testid': 'cp-offline-submit' }, t.submit);
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'cp-offline-form' },
    intro,
    field('name', t.name, { autocomplete: 'name' }),
    field('email', t.email, { type: 'email', autocomplete: 'email', inputmode: 'email' }),
    field('phone', t.phone, { type: 'tel', autocomplete: 'tel', inputmode: 'tel' }, true),
    field('text', t.message, {}),
    failure,
    button,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (button.disabled) return;
    const p = problems();
    show(p);
    const firstBad = (Object.keys(fields) as (keyof OfflineFields)[]).find((k) => p[k]);
    if (firstBad) return fields[firstBad].focus();
    const v = values();
    failure.hidden = true;
    button.disabled = true;
    button.textContent = t.submitting;
    void submit(v).then((error) => {
      button.disabled = false;
      button.textContent = t.submit;
      if (error) {
        failure.textContent = error;
        failure.hidden = false;
        return;
      }
      const again = h('button', { class: 'link', type: 'button', 'data-testid': 'cp-offline-again' }, t.another);
      const thanks = h(
        'div',
        { class: 'thanks', role: 'status', 'data-testid': 'cp-offline-thanks' },
        h('div', { class: 'ok' }, icon('check')),
        h('h2', null, t.thanksTitle),
        h('p', null, words().offlineThanks),
        // Where the answer goes, under the site's own words too: a typo in it is seen at once.
        h('p', { class: 'to', 'data-testid': 'cp-offline-thanks-email' }, v.email),
        again,
      );
      again.addEventListener('click', () => {
        fields.text.value = '';
        body.replaceChildren(form);
        fields.text.focus();
      });
      body.replaceChildren(thanks);
      again.focus();
    });
  });
  body.appendChild(form);
  const idle = () => !body.contains(form) || (!button.disabled && Object.values(fields).every((f) => !f.value.trim()));
  return { body, first: fields.name, relabel: (next) => void (intro.textContent = next.offlineIntro), idle };
}
