// newsgraph web UI: the only script. Toggles the highlight of each mark kind
// on the article page; every page works without it.
"use strict";
document.querySelectorAll("input[data-toggle]").forEach((box) => {
  box.addEventListener("change", () => {
    const text = document.getElementById("text");
    if (text) text.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
  });
});
