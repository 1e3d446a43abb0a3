// Bring the cited quote into view, also when the link carried no #trich-dan.
document.addEventListener("DOMContentLoaded", function () {
  var quote = document.getElementById("trich-dan");
  if (quote) {
    quote.scrollIntoView({ block: "center" });
    quote.focus({ preventScroll: true });
  }
});
