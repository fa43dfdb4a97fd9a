// Added to textual-serve's page by browser.py: when the page's app ends because the
// host has gone (it no longer answers), wait for the host to come back, then reload:
// the browser's own cookie takes the trainee's seat back (`host --resume`). An app
// that ends while the host still answers (the trainee quit) keeps the Restart button.
(function () {
  const EVERY_MS = 2000;
  const TRIES = 1800; // an hour at most, then the Restart button is left to the trainee
  let waiting = false;
  async function hostAnswers() {
    try {
      const answer = await fetch(getStartUrl(), { method: "HEAD", cache: "no-store" });
      return answer.ok;
    } catch (error) {
      return false;
    }
  }
  async function waitForTheHost() {
    if (waiting) return;
    waiting = true;
    if (await hostAnswers()) {
      waiting = false;
      return;
    }
    const message = document.querySelector(".closed-dialog .message");
    message.textContent = "The host has gone. Your seat comes back when it returns…";
    for (let tried = 0; tried < TRIES; tried++) {
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
      if (await hostAnswers()) {
        window.location.href = getStartUrl();
        return;
      }
    }
    message.textContent = "The host has not come back. Press Restart when it has.";
    waiting = false;
  }
  new MutationObserver(function () {
    if (document.body.classList.contains("-closed")) waitForTheHost();
  }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
})();
