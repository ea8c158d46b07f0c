import { addField, fieldKey, type Profile } from './profile.ts';

// Read attributes, and through the prototypes: a form's named controls shadow its own
// properties and methods (a field named `id`, `action` or `submit` replaces `form.id`,
// `form.action`, `form.submit`).
const attr = (el: Element, n: string) => Element.prototype.getAttribute.call(el, n);

/**
 * Props of a `form_submit` that name the form: `form` (id, else name, else action path) and
 * `action` (path). (In the core, where every byte counts: `getAttribute` itself would only be
 * shadowed by a field named "getAttribute".)
 */
export function formProps(f: HTMLFormElement, base: string): { form: string; action: string } {
  const a = (n: string) => f.getAttribute(n);
  const action = new URL(a('action') || '', base).pathname;
  return { form: (a('id') || a('name') || action).slice(0, 200), action };
}

/**
 * The allow-listed canonical fields of a form (see profile.ts): never passwords, hidden
 * inputs, unchecked radios, checkboxes, card- or SSN-like values, anything under
 * `[data-tells-ignore]`, nor `phone` unless `phone`. The first fit value of each key wins.
 */
export function formFields(f: HTMLFormElement, phone: boolean): Profile {
  const p: Profile = {};
  for (const el of Element.prototype.querySelectorAll.call(f, 'input,select,textarea') as NodeListOf<HTMLInputElement>) {
    const k = fieldKey(attr(el, 'name'), attr(el, 'id'), attr(el, 'autocomplete'));
    if (
      k &&
      (phone || k != 'phone') &&
      !/^(password|hidden|checkbox|file|submit|button|reset|image)$/.test(el.type) &&
      (el.type != 'radio' || el.checked) &&
      !el.closest('[data-tells-ignore]')
    )
      addField(p, k, el.value);
  }
  return p;
}
