// "Use my location" on the concern form: a progressive enhancement. Without this file (or
// without geolocation) there is no button, and the "Where" answer alone routes the concern.
// The position fills the form's hidden latitude and longitude; nothing is sent until the
// resident sends the form.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-concern-locate]");
  if (!form || !("geolocation" in navigator)) return;
  const latitude = form.querySelector("[name=latitude]");
  const longitude = form.querySelector("[name=longitude]");
  const field = form.querySelector("#div_id_location");
  if (!latitude || !longitude || !field) return;
  const status = document.createElement("p");
  status.className = "form-text";
  status.setAttribute("role", "status");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "btn btn-outline-primary";
  button.textContent = form.dataset.locateLabel;
  field.append(button, status);
  if (latitude.value && longitude.value) status.textContent = form.dataset.locateDone;

  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = form.dataset.locateBusy;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        latitude.value = position.coords.latitude.toFixed(5);
        longitude.value = position.coords.longitude.toFixed(5);
        button.disabled = false;
        status.textContent = form.dataset.locateDone;
      },
      () => {
        button.disabled = false;
        status.textContent = form.dataset.locateFailed;
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  });
});
