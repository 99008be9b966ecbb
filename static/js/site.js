// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to a form's error summary so it is announced and the first thing reached.
  // Otherwise to a message the last step left ("2 photos added."), for the same reason.
  const summary = document.querySelector("[data-error-summary]");
  const message = document.querySelector(".messages [data-message]");
  if (summary) summary.focus();
  else if (message) message.focus();

  // Print buttons (no inline handlers: the CSP forbids them).
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
});
