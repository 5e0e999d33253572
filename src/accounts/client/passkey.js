// Passkey ceremonies for the sign-in and account pages. Everything else on those pages works
// without script (email links, forms); only the WebAuthn calls themselves need it. Binary fields
// travel to and from the server as base64url.

const toBytes = (text) => {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

const toText = (buffer) => {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

async function post(url, csrf, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data?.error?.code ?? `HTTP ${response.status}`);
    error.code = data?.error?.code;
    error.serverMessage = data?.error?.message;
    throw error;
  }
  return data;
}

async function register(button) {
  const { options: optionsUrl, verify, csrf } = button.dataset;
  const options = await post(optionsUrl, csrf, {});
  const credential = await navigator.credentials.create({
    publicKey: {
      ...options,
      challenge: toBytes(options.challenge),
      user: { ...options.user, id: toBytes(options.user.id) },
      excludeCredentials: options.excludeCredentials.map((c) => ({ ...c, id: toBytes(c.id) })),
    },
  });
  const response = credential.response;
  return post(verify, csrf, {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: toText(response.clientDataJSON),
      attestationObject: toText(response.attestationObject),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
    },
  });
}

async function signIn(button) {
  const { options: optionsUrl, verify, csrf } = button.dataset;
  const options = await post(optionsUrl, csrf, {});
  const credential = await navigator.credentials.get({
    publicKey: { ...options, challenge: toBytes(options.challenge), allowCredentials: [] },
  });
  const response = credential.response;
  return post(verify, csrf, {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: toText(response.clientDataJSON),
      authenticatorData: toText(response.authenticatorData),
      signature: toText(response.signature),
      userHandle: response.userHandle ? toText(response.userHandle) : null,
    },
  });
}

for (const button of document.querySelectorAll('button[data-passkey]')) {
  const status = document.getElementById(button.dataset.status ?? '');
  // Without WebAuthn the button stays hidden and the page says what else to do.
  if (typeof window.PublicKeyCredential !== 'function') continue;
  // A passkey is bound to the site's own address: opened at another (127.0.0.1 for localhost),
  // the browser would refuse it with no useful word, so the page says where it works.
  if (button.dataset.origin && window.location.origin !== button.dataset.origin) {
    if (status) status.textContent = button.dataset.elsewhere ?? '';
    continue;
  }
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    if (status) status.textContent = button.dataset.working ?? '';
    try {
      const result = await (button.dataset.passkey === 'register'
        ? register(button)
        : signIn(button));
      window.location.assign(result.next);
    } catch (error) {
      const cancelled = error instanceof DOMException && error.name === 'NotAllowedError';
      // The server says what is wrong with its address; that beats "did not work".
      const origin = error?.code === 'PL_PASSKEY_ORIGIN' ? error.serverMessage : undefined;
      if (status)
        status.textContent =
          origin ?? (cancelled ? button.dataset.cancelled : button.dataset.failed) ?? '';
      button.disabled = false;
    }
  });
}
