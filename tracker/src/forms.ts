import { addField, fieldKey, type Profile } from './profile.ts';

// Read through the prototypes: a form's named controls shadow its own properties and methods
// (a field named `id`, `action` or `submit` replaces `form.id`, `form.action`, `form.submit`).
const attr = (el: Element, n: string) => Element.prototype.getAttribute.call(el, n);

/** Props of a `form_submit`: which form, and the allow-listed fields it holds. */
export type FormProps = Profile & { form: string; action: string };

/**
 * Props of a submitted form: `form` (id, else name, else action path), `action` (path), and,
 * when `fields` is on, only allow-listed canonical fields: never passwords, hidden inputs,
 * card- or SSN-like values, anything under `[data-tells-ignore]`, nor `phone` unless `phone`.
 */
export function formProps(f: HTMLFormElement, base: string, fields: boolean, phone: boolean): FormProps {
  const action = new URL(attr(f, 'action') || '', base).pathname;
  const p: FormProps = { form: (attr(f, 'id') || attr(f, 'name') || action).slice(0, 200), action };
  if (fields)
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
