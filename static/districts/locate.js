// "Use my location" on the district finder: a progressive enhancement. Without this file (or
// without geolocation) the button does not exist and the address form works as it is. The
// position goes to the same find view as the address, as latitude and longitude.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-locate-form]");
  if (!form || !("geolocation" in navigator)) return;
  const status = form.querySelector("[data-locate-status]");
  const actions = form.querySelector(".district-find__actions");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "btn btn-outline-primary district-find__locate";
  button.textContent = form.dataset.locateLabel;
  actions.appendChild(button);

  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = form.dataset.locateBusy;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const params = new URLSearchParams({
          latitude: position.coords.latitude.toFixed(6),
          longitude: position.coords.longitude.toFixed(6),
        });
        window.location.assign(`${form.action}?${params.toString()}`);
      },
      () => {
        button.disabled = false;
        status.textContent = form.dataset.locateFailed;
        const address = form.querySelector("[name=address]");
        if (address) address.focus();
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  });
});
