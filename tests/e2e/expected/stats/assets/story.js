// Story pages: YouTube only after a click (youtube-nocookie), a keyboard-
// accessible photo viewer, and the system share sheet where the browser has
// one. Without this script: videos are links to YouTube, photos are links to
// the large file, and the share links still work.
(function () {
  'use strict';

  // Videos: replace the facade by the player only when asked.
  document.querySelectorAll('.video__facade').forEach(function (facade) {
    var play = facade.querySelector('.video__play');
    play.addEventListener('click', function (event) {
      event.preventDefault();
      var frame = document.createElement('iframe');
      frame.src = 'https://www.youtube-nocookie.com/embed/' + encodeURIComponent(facade.dataset.youtube) + '?autoplay=1';
      frame.title = facade.dataset.title || 'Video';
      frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
      frame.setAttribute('allowfullscreen', '');
      frame.width = 1280;
      frame.height = 720;
      facade.replaceWith(frame);
      frame.focus();
    });
  });

  // Photos: a <dialog> viewer with previous/next, Esc closes (native).
  var links = Array.prototype.slice.call(document.querySelectorAll('.gallery__link'));
  if (links.length && window.HTMLDialogElement) {
    var dialog = document.createElement('dialog');
    dialog.className = 'viewer';
    dialog.setAttribute('aria-label', 'Foto del progetto');
    dialog.innerHTML = '<figure><img alt=""><figcaption></figcaption></figure>' +
      '<p class="viewer__nav"><button type="button" data-step="-1">← Precedente</button> ' +
      '<button type="button" data-step="1">Successiva →</button> ' +
      '<button type="button" data-close>Chiudi</button></p>';
    document.body.appendChild(dialog);
    var image = dialog.querySelector('img');
    var caption = dialog.querySelector('figcaption');
    var current = 0;
    var show = function (index) {
      current = (index + links.length) % links.length;
      var thumb = links[current].querySelector('img');
      image.src = links[current].getAttribute('href');
      image.alt = thumb ? thumb.alt : '';
      caption.textContent = (thumb ? thumb.alt : '') + ' (' + (current + 1) + ' di ' + links.length + ')';
    };
    links.forEach(function (link, index) {
      link.addEventListener('click', function (event) {
        event.preventDefault();
        show(index);
        dialog.showModal();
      });
    });
    dialog.addEventListener('click', function (event) {
      var step = event.target.getAttribute('data-step');
      if (step) show(current + Number(step));
      if (event.target.hasAttribute('data-close') || event.target === dialog) dialog.close();
    });
    dialog.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowRight') show(current + 1);
      if (event.key === 'ArrowLeft') show(current - 1);
    });
    dialog.addEventListener('close', function () { links[current].focus(); });
  }

  // Sharing: the system share sheet, next to the plain links.
  var share = document.querySelector('.share');
  if (share && navigator.share) {
    var item = document.createElement('li');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--ghost';
    button.textContent = 'Condividi…';
    button.addEventListener('click', function () {
      navigator.share({ title: document.title, url: location.href }).catch(function () {});
    });
    item.appendChild(button);
    share.insertBefore(item, share.firstChild);
  }
})();
