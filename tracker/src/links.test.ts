// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://site.example/page" }
import { describe, expect, it } from 'vitest';
import { linkClick } from './links.ts';

const HOST = 'site.example';
/** A click (or another mouse event) on the first element inside `html`. */
function clickOn(html: string, init: { type?: string; button?: number } = {}) {
  document.body.innerHTML = html;
  const target = document.body.querySelector('span') || document.body.firstElementChild!;
  const e = new MouseEvent(init.type || 'click', { button: init.button || 0, bubbles: true });
  Object.defineProperty(e, 'target', { value: target });
  return linkClick(e, HOST);
}

describe('linkClick', () => {
  it.each([
    ['/files/guide.pdf', 'download'],
    ['/files/GUIDE.PDF?v=2', 'download'],
    ['/a/report.docx', 'download'],
    ['/a/sheet.xlsx', 'download'],
    ['/a/deck.pptx', 'download'],
    ['/a/bundle.zip', 'download'],
    ['/a/data.csv', 'download'],
    ['https://cdn.other.example/whitepaper.pdf', 'download'],
    ['https://other.example/', 'outbound'],
    ['https://app.site.example/login', 'outbound'],
    ['/pricing', undefined],
    ['https://site.example/docs', undefined],
    ['/pdf-guide', undefined],
    ['mailto:sales@site.example', undefined],
    ['tel:+14155550100', undefined],
    ['javascript:void 0', undefined],
    ['#top', undefined],
  ])('classifies %s as %s', (href, want) => {
    expect(clickOn(`<a href="${href}">x</a>`)?.[0]).toBe(want);
  });

  it('counts a download attribute and gives the absolute URL', () => {
    expect(clickOn('<a href="/export?id=1" download>x</a>')).toEqual(['download', 'https://site.example/export?id=1']);
  });

  it('finds the link from a click on something inside it', () => {
    expect(clickOn('<a href="https://other.example/x"><span>label</span></a>')).toEqual(['outbound', 'https://other.example/x']);
  });

  it('counts middle-clicks but not right-clicks', () => {
    expect(clickOn('<a href="/guide.pdf">x</a>', { type: 'auxclick', button: 1 })?.[0]).toBe('download');
    expect(clickOn('<a href="/guide.pdf">x</a>', { type: 'auxclick', button: 2 })).toBeUndefined();
  });

  it('ignores clicks outside links and links without href', () => {
    expect(clickOn('<p>text</p>')).toBeUndefined();
    expect(clickOn('<a name="x">anchor</a>')).toBeUndefined();
  });
});
