// The admin's Markdown preview (core/admin_markdown.py): each "Preview" button posts its box's
// text, with the form's CSRF token, and shows the HTML the public page would show (already
// sanitised by the server) in the region under the box, which screen readers announce.
"use strict";
(function () {
  function csrfToken(form) {
    const input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function show(region, html, isError) {
    region.classList.toggle("markdown-preview--error", Boolean(isError));
    if (isError) {
      region.textContent = html;
    } else {
      // The server's HTML: Markdown sanitised by nh3, exactly what the public page shows.
      region.innerHTML = html;
    }
  }

  async function preview(button) {
    const box = document.getElementById(button.dataset.markdownPreview);
    const region = document.getElementById(button.getAttribute("aria-controls"));
    if (!box || !region) return;
    if (!box.value.trim()) {
      show(region, button.dataset.empty, true);
      return;
    }
    const body = new FormData();
    body.append("text", box.value);
    body.append("csrfmiddlewaretoken", csrfToken(box.form));
    button.disabled = true;
    region.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(button.dataset.previewUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(box.form) },
      });
      const data = await response.json();
      if (response.ok) {
        show(region, data.html, false);
      } else {
        show(region, data.error || button.dataset.error, true);
      }
    } catch (error) {
      show(region, button.dataset.error, true);
    } finally {
      button.disabled = false;
      region.removeAttribute("aria-busy");
    }
  }

  function init() {
    for (const button of document.querySelectorAll("button[data-markdown-preview]")) {
      button.hidden = false;
      button.addEventListener("click", function () {
        preview(button);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
