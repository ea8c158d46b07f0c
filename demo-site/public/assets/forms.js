// Client-side validation for every form on the Runwell site.
// A file rather than inline handlers so that the site runs under a strict CSP. Without
// JavaScript the browser's own validation (required, pattern, maxlength) still applies.
(function () {
  'use strict';

  /** The message to show for one invalid field, or '' when it is valid. */
  function messageFor(field) {
    var v = field.validity;
    if (v.valid) return '';
    var label = field.labels && field.labels[0] ? field.labels[0].textContent.trim() : 'This field';
    if (v.valueMissing) return field.tagName === 'SELECT' ? 'Please choose your ' + label.toLowerCase() + '.' : label + ' is required.';
    if (v.typeMismatch || v.patternMismatch) return field.getAttribute('data-msg-pattern') || 'Please check the format of ' + label.toLowerCase() + '.';
    if (v.tooShort) return field.getAttribute('data-msg-short') || label + ' is too short.';
    if (v.tooLong) return label + ' is too long.';
    return field.validationMessage || 'Please check this field.';
  }

  function errorSlot(field) {
    var id = field.getAttribute('aria-describedby');
    return id ? document.getElementById(id) : null;
  }

  function show(field) {
    var message = messageFor(field);
    var slot = errorSlot(field);
    if (slot) slot.textContent = message;
    if (message) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
    return message === '';
  }

  function enhance(form) {
    var fields = Array.prototype.slice.call(form.querySelectorAll('input, select, textarea'));
    var summary = form.querySelector('.form-summary');
    var invalidThisAttempt = [];

    // Native constraint validation stays on (no novalidate): an invalid form never dispatches
    // "submit" at all, so analytics that listen for submit (in any phase) never count a
    // rejected attempt. We only replace the browser's bubbles with messages that stay visible.
    fields.forEach(function (field) {
      field.addEventListener('invalid', function (event) {
        event.preventDefault();
        show(field);
        invalidThisAttempt.push(field);
        // All "invalid" events of one attempt fire synchronously; report once they are in.
        if (invalidThisAttempt.length === 1) setTimeout(reportAttempt, 0);
      });
      // Validate on leaving a field, then live while the visitor fixes it.
      field.addEventListener('blur', function () { if (field.value !== '') show(field); });
      field.addEventListener('input', function () { if (field.getAttribute('aria-invalid')) show(field); });
      field.addEventListener('change', function () { if (field.getAttribute('aria-invalid')) show(field); });
    });

    function reportAttempt() {
      var invalid = invalidThisAttempt;
      invalidThisAttempt = [];
      if (summary) {
        summary.hidden = false;
        summary.textContent = invalid.length === 1 ? 'Please fix the highlighted field.' : 'Please fix the ' + invalid.length + ' highlighted fields.';
      }
      if (invalid[0]) invalid[0].focus();
    }

    form.addEventListener('submit', function () {
      if (summary) summary.hidden = true;
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('form'), enhance);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
