// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formFields, formProps } from './forms.ts';

const BASE = 'https://site.example/contact?x=1';
const form = (html: string, attrs = '') => {
  document.body.innerHTML = `<form ${attrs}>${html}</form>`;
  return document.querySelector('form')!;
};

describe('formProps', () => {
  it.each([
    ['id="demo" name="n" action="/thanks"', { form: 'demo', action: '/thanks' }],
    ['name="n" action="/thanks"', { form: 'n', action: '/thanks' }],
    ['action="https://crm.example/in?x=1"', { form: '/in', action: '/in' }],
    ['', { form: '/contact', action: '/contact' }],
  ])('names <form %s>', (attrs, want) => {
    expect(formProps(form('', attrs), BASE)).toEqual(want);
  });

  it('reads attributes, not the properties a field can shadow', () => {
    const f = form('<input name="id" value="x"><input name="action" value="y"><input name="submit" type="submit">', 'id="real" action="/go"');
    expect(formProps(f, BASE)).toEqual({ form: 'real', action: '/go' });
  });
});

describe('formFields', () => {
  it('maps allow-listed fields to canonical keys', () => {
    const f = form(`
      <input name="work_email" value="ada@acme.io">
      <input id="fname" value="Ada">
      <input name="x1" autocomplete="family-name" value="Lovelace">
      <input name="company" value=" Acme ">
      <input name="job_title" value="CTO">
      <select name="company_size"><option>1-10</option><option selected>51-200</option></select>
      <input name="industry" value="Software">
      <select name="country"><option selected value="GB">United Kingdom</option></select>
      <textarea name="message">hello</textarea>
      <input name="utm_source" value="x">`);
    expect(formFields(f, false)).toEqual({
      email: 'ada@acme.io',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Acme',
      jobTitle: 'CTO',
      companySize: '51-200',
      industry: 'Software',
      country: 'GB',
    });
  });

  it('never takes passwords, hidden inputs, checkboxes or unchecked radios', () => {
    const f = form(`
      <input type="password" name="email" value="secret@x.io">
      <input type="hidden" name="company" value="Hidden Co">
      <input type="checkbox" name="phone_opt_in" value="yes" checked>
      <input type="radio" name="employees" value="1-10">
      <input type="radio" name="employees" value="11-50" checked>`);
    expect(formFields(f, true)).toEqual({ companySize: '11-50' });
  });

  it('drops card-like and SSN-like values whatever the field is called', () => {
    const f = form('<input name="company" value="4111 1111 1111 1111"><input name="industry" value="123-45-6789">');
    expect(formFields(f, false)).toEqual({});
  });

  it('skips anything under data-tells-ignore', () => {
    expect(formFields(form('<div data-tells-ignore><input name="email" value="a@b.io"></div><input name="company" value="Acme">'), false)).toEqual({ company: 'Acme' });
    expect(formFields(form('<input name="email" value="a@b.io">', 'data-tells-ignore'), false)).toEqual({});
  });

  it('takes the phone only when configured', () => {
    const f = form('<input type="tel" name="phone" value="+1 415 555 0100">');
    expect(formFields(f, false)).toEqual({});
    expect(formFields(f, true)).toEqual({ phone: '+1 415 555 0100' });
  });
});
