// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to a form's error summary so it is announced and the first thing reached.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // Print buttons (no inline handlers: the CSP forbids them).
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
});
