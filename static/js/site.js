// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to a form's error summary so it is announced and the first thing reached.
  // Otherwise to a message the last step left ("2 photos added."), for the same reason.
  const summary = document.querySelector("[data-error-summary]");
  const message = document.querySelector(".messages [data-message]");
  if (summary) summary.focus();
  else if (message) message.focus();

  // Upload progress (core/uploads.py): a form with files chosen is sent by XMLHttpRequest, so
  // a <progress> bar can show how much has gone on a slow connection. Without this script, or
  // if the request fails before an answer, the form posts as usual.
  document.querySelectorAll("form[data-upload-progress]").forEach((form) => {
    const box = form.querySelector("[data-upload-progress-box]");
    if (!box || !window.FormData || !window.XMLHttpRequest) return;
    const bar = box.querySelector("progress");
    const text = box.querySelector("[data-upload-progress-text]");
    form.addEventListener("submit", (event) => {
      const chosen = [...form.querySelectorAll("input[type=file]")].some((input) => input.files.length);
      if (!chosen || form.dataset.sending || form.dataset.plain) return;
      event.preventDefault();
      form.dataset.sending = "1";
      const data = new FormData(form, event.submitter || undefined);
      const request = new XMLHttpRequest();
      // Not form.action: a button named "action" (the photo step has one) would stand for it.
      request.open("POST", form.getAttribute("action") || window.location.href);
      request.setRequestHeader("X-Upload-Progress", "1");
      box.hidden = false;
      let said = -1;
      request.upload.addEventListener("progress", (progress) => {
        if (!progress.lengthComputable) return;
        const percent = Math.floor((progress.loaded * 100) / progress.total);
        bar.value = percent;
        const step = Math.floor(percent / 10) * 10; // said every 10 per cent, not every byte
        if (step !== said) {
          said = step;
          text.textContent = text.dataset.uploadProgressText.replace("{percent}", step);
        }
      });
      request.upload.addEventListener("load", () => {
        bar.value = 100;
        text.textContent = text.dataset.uploadProgressDone;
      });
      request.addEventListener("load", () => {
        const type = request.getResponseHeader("Content-Type") || "";
        if (type.startsWith("application/json")) {
          window.location.assign(JSON.parse(request.responseText).redirect);
        } else {
          // The page the server answered with (errors kept, or a limit): shown as it is.
          document.open();
          document.write(request.responseText);
          document.close();
        }
      });
      const submitter = event.submitter;
      request.addEventListener("error", () => {
        delete form.dataset.sending;
        form.dataset.plain = "1"; // the plain post, with the button that was pressed
        box.hidden = true;
        form.requestSubmit(submitter || undefined);
      });
      request.send(data);
    });
  });

  // Print buttons (no inline handlers: the CSP forbids them).
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
});
