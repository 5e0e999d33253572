/**
 * The error catalogue and the feed problems in Spanish (usted, like the other messages). Typed
 * against the catalogue's codes, so a code without its Spanish words, or a template without its
 * Spanish template, fails the type check.
 */
import type { FeedProblemCode, errorCatalogue } from '../../platform/errors.js';

/** Each code's words: a `template` exactly where the English entry has one. */
type Translated<Catalogue> = {
  [C in keyof Catalogue]: Catalogue[C] extends { template: string }
    ? { message: string; template: string }
    : { message: string };
};

export const errorsEs: Translated<typeof errorCatalogue> = {
  PL_INVALID_QUERY: { message: 'Un parámetro de la consulta no es válido.' },
  PL_INVALID_BODY: { message: 'El contenido enviado no es válido.' },
  PL_NOT_FOUND: { message: 'No se encontró nada en esta dirección.' },
  PL_MEETING_NOT_FOUND: {
    message: 'Ninguna reunión tiene este identificador.',
    template: 'Ninguna reunión tiene el identificador «{slug}».',
  },
  PL_SOURCE_NOT_FOUND: {
    message: 'Ninguna fuente tiene este nombre.',
    template: 'Ninguna fuente se llama «{name}».',
  },
  PL_SOURCE_EXISTS: {
    message: 'Ya existe una fuente con este nombre; elimínela primero o elija otro nombre.',
  },
  PL_INVALID_SOURCE_NAME: { message: 'El nombre de la fuente no es válido.' },
  PL_UNKNOWN_PROGRAM: { message: 'El programa no es conocido.' },
  PL_UNKNOWN_TYPE: { message: 'El tipo de reunión no es conocido en este programa.' },
  PL_UNKNOWN_PLACE: { message: 'No se conoce ningún lugar con ese nombre.' },
  PL_AMBIGUOUS_PLACE: {
    message: 'Varios lugares tienen ese nombre; elija uno de los propuestos.',
  },
  PL_CONSENT_INCOMPLETE: {
    message: 'Al consentimiento le falta un elemento que exige 42 CFR 2.31.',
    template: 'Al consentimiento le falta {field}, que exige 42 CFR 2.31.',
  },
  PL_CONSENT_REVOKED: {
    message:
      'La persona revocó el consentimiento para esta derivación; no se puede mostrar nada más.',
  },
  PL_CONSENT_EXPIRED: {
    message: 'El consentimiento para esta derivación venció; no se puede mostrar nada más.',
  },
  PL_REFERRAL_NOT_FOUND: { message: 'Ninguna derivación tiene este identificador en este centro.' },
  PL_REFERRAL_LINK_INVALID: {
    message: 'Este enlace de derivación no es válido: fue alterado o venció.',
  },
  PL_REFERRAL_STATUS: {
    message: 'La derivación no puede pasar a ese estado desde el que tiene.',
  },
  PL_RESOURCE_NOT_FOUND: { message: 'Ningún servicio del directorio tiene este identificador.' },
  PL_FEED_UNREADABLE: { message: 'No se pudo leer el feed.' },
  PL_FEED_NOT_JSON: { message: 'El feed no es JSON válido.' },
  PL_FEED_NOT_ARRAY: { message: 'El feed no es una lista JSON de reuniones.' },
  PL_FEED_TOO_LARGE: { message: 'El feed supera el tamaño máximo.' },
  PL_FEED_TIMEOUT: { message: 'El feed no llegó dentro del tiempo límite.' },
  PL_FEED_HTTP_STATUS: { message: 'El servidor del feed respondió con un estado de error.' },
  PL_FEED_URL_REJECTED: {
    message: 'Solo se leen feeds con direcciones https (o http local).',
  },
  PL_FEED_TRUNCATED: { message: 'El feed se cortó antes de llegar completo.' },
  PL_FEED_NOT_CSV: { message: 'El feed no es una tabla CSV con una fila de encabezados.' },
  PL_FEED_FORMAT_UNKNOWN: {
    message: 'No se pudo saber el formato del feed por su contenido; indíquelo.',
  },
  PL_FEED_FORMAT_CHANGED: { message: 'El feed ya no tiene los campos de su formato.' },
  PL_FEED_NO_VALID_ROWS: {
    message: 'Todas las filas del feed tienen un error; se conserva la lista anterior.',
  },
  PL_IMPORT_STRICT_FAILED: {
    message: 'El feed tiene problemas y el modo estricto no importa nada.',
  },
  PL_FEED_NOT_MODIFIED: { message: 'El feed no ha cambiado desde la última lectura.' },
  PL_SNAPSHOT_HELD: {
    message:
      'La nueva instantánea eliminaría la mayor parte de la fuente; queda retenida para revisión.',
  },
  PL_NOTHING_HELD: { message: 'La fuente no tiene ninguna instantánea retenida para revisión.' },
  PL_SOURCE_BUSY: {
    message: 'Otro proceso está actualizando la fuente; vuelva a intentarlo en un momento.',
  },
  PL_SOURCE_NOT_REFRESHABLE: {
    message: 'La fuente no tiene un archivo ni una dirección desde la que actualizarse.',
  },
  PL_INVALID_INTERVAL: {
    message: 'El intervalo no es una duración como 30m, 4h o 1d.',
  },
  PL_NOT_A_DUPLICATE: { message: 'La reunión no está fusionada con ninguna otra.' },
  PL_BMLT_UNKNOWN_SWITCHER: {
    message: 'Falta el «switcher» de BMLT o no es uno que este servidor responda.',
  },
  PL_SERVICE_NOT_FOUND: {
    message: 'Ningún servicio tiene este identificador.',
    template: 'Ningún servicio tiene el identificador «{id}».',
  },
  PL_RATE_LIMITED: { message: 'Demasiadas solicitudes; vuelva a intentarlo en un momento.' },
  PL_SIGN_IN_REQUIRED: { message: 'Inicie sesión para hacer esto.' },
  PL_FORBIDDEN: { message: 'Sus funciones no le permiten hacer esto.' },
  PL_CSRF_REJECTED: {
    message:
      'El formulario no se envió desde este sitio o es demasiado antiguo; vuelva a cargarlo e inténtelo de nuevo.',
  },
  PL_INVALID_EMAIL: { message: 'La dirección de correo electrónico no es válida.' },
  PL_SIGN_IN_LINK_INVALID: {
    message: 'El enlace para iniciar sesión no es conocido, ya se usó o caducó; pida uno nuevo.',
  },
  PL_PASSKEY_REJECTED: { message: 'No se pudo verificar la llave de acceso.' },
  PL_PASSKEY_NOT_FOUND: { message: 'Ninguna llave de acceso suya tiene este identificador.' },
  PL_PASSKEY_ORIGIN: {
    message:
      'Las llaves de acceso no funcionan en la dirección de este sitio: necesitan un nombre de dominio (no una dirección IP) y https (http solo en localhost). Configure PUBLIC_URL en consecuencia.',
  },
  PL_SESSION_NOT_FOUND: { message: 'Ninguna sesión suya tiene este identificador.' },
  PL_SERVICE_BODY_NOT_FOUND: { message: 'Ningún cuerpo de servicio tiene este identificador.' },
  PL_SERVICE_BODY_NOT_EMPTY: {
    message:
      'El cuerpo de servicio tiene cuerpos de servicio o fuentes debajo; muévalos o elimínelos primero.',
  },
  PL_SERVICE_BODY_CYCLE: {
    message:
      'Un cuerpo de servicio no puede estar debajo de sí mismo ni de uno de sus propios miembros.',
  },
  PL_INVALID_SERVICE_BODY: { message: 'El cuerpo de servicio no es válido.' },
  PL_INVALID_GRANT: { message: 'La asignación de función no es válida.' },
  PL_GRANT_NOT_FOUND: { message: 'Ninguna asignación de función tiene este identificador.' },
  PL_INVALID_MEETING: {
    message: 'Algunos campos de la reunión no son válidos; cada uno se indica con su problema.',
  },
  PL_NOTHING_CHANGED: { message: 'El formulario no cambia nada de la reunión.' },
  PL_FORM_TOO_FAST: {
    message:
      'El formulario se envió demasiado pronto después de abrirlo; espere un momento y vuelva a enviarlo.',
  },
  PL_FORM_EXPIRED: {
    message:
      'El formulario es demasiado antiguo o fue alterado; vuelva a cargarlo e inténtelo de nuevo.',
  },
  PL_FORM_ALREADY_SENT: {
    message: 'Este formulario ya se envió; abra la página de nuevo para enviar otro.',
  },
  PL_CHANGE_REQUEST_NOT_FOUND: {
    message: 'Ninguna solicitud de cambio tiene este identificador.',
  },
  PL_CHANGE_REQUEST_CLOSED: {
    message: 'La solicitud de cambio ya fue aprobada o rechazada.',
  },
  PL_HISTORY_NOT_FOUND: { message: 'Ninguna entrada del historial tiene este identificador.' },
  PL_NOT_REVERTIBLE: {
    message:
      'Este cambio no se puede deshacer tal como está; restaure la reunión o edítela en su lugar.',
  },
  PL_MEETING_EXISTS: { message: 'La reunión ya existe; no hay nada que restaurar.' },
  PL_NO_CONFLICT: { message: 'El campo no tiene ningún conflicto con su fuente que resolver.' },
  PL_API_TOKEN_INVALID: {
    message: 'El token de la API no se conoce o fue revocado; cree uno nuevo.',
  },
  PL_CENTER_NOT_FOUND: { message: 'Ningún centro al que usted pertenece tiene esta dirección.' },
  PL_RIDE_PROGRAM_NOT_FOUND: {
    message: 'Ningún programa de transporte que usted coordine tiene esta dirección.',
  },
  PL_RIDE_NOT_FOUND: {
    message: 'Este enlace de viaje no es válido: se escribió mal o el viaje se eliminó.',
  },
  PL_RIDE_NOT_OFFERED: {
    message: 'No hay viajes a esta reunión: ningún programa de transporte la cubre.',
  },
  PL_RIDE_INVALID: {
    message: 'La solicitud de viaje no es válida.',
    template: 'La solicitud de viaje no es válida: {reason}',
  },
  PL_RIDE_TOO_SOON: {
    message: 'Esa reunión es demasiado pronto, o demasiado lejos, para pedir un viaje.',
    template: 'Los viajes se piden entre {minHours} horas y {maxDays} días antes de la reunión.',
  },
  PL_RIDE_CODE_WRONG: {
    message: 'El código no es el que se envió; revíselo e inténtelo de nuevo.',
  },
  PL_RIDE_CODE_EXHAUSTED: {
    message: 'El código se escribió mal demasiadas veces; pida el viaje de nuevo.',
  },
  PL_RIDE_TAKEN: {
    message: 'Otro conductor aceptó este viaje primero, o se canceló. Gracias de todos modos.',
  },
  PL_RIDE_STATE: {
    message: 'El viaje no puede cambiar así desde el estado en que está.',
  },
  PL_DRIVER_VETTING_INCOMPLETE: {
    message:
      'Registre la verificación de la licencia, la del seguro y quién las hizo antes de aprobar.',
    template: 'A la verificación le falta {field}, que este programa exige antes de aprobar.',
  },
  PL_CENTER_EXISTS: { message: 'Ya existe un centro con este identificador; elija otro.' },
  PL_INVALID_CENTER: { message: 'El centro no es válido.' },
  PL_INVALID_STAFF_ROLE: {
    message: 'La función no es admin, supervisor, coach ni volunteer.',
  },
  PL_MEMBER_NOT_FOUND: { message: 'Ningún miembro de este centro tiene este identificador.' },
  PL_INVALID_MEMBER: { message: 'Un campo del miembro no es válido.' },
  PL_INVALID_SHIFT: { message: 'Un campo del turno no es válido.' },
  PL_SHIFT_FULL: { message: 'Este turno ya tiene todas las personas que necesita.' },
  PL_INVALID_EVENT: { message: 'Un campo de la actividad del calendario no es válido.' },
  PL_INVALID_CENTER_PLACE: { message: 'Un campo de la dirección del centro no es válido.' },
  PL_INVALID_GOAL: { message: 'Un campo de la meta del plan de recuperación no es válido.' },
  PL_INVALID_ENCOUNTER: { message: 'Un campo del encuentro no es válido.' },
  PL_UNKNOWN_INSTRUMENT: {
    message: 'El instrumento de evaluación no es conocido; use barc-10.',
  },
  PL_INVALID_ANSWERS: {
    message:
      'Las respuestas no corresponden al instrumento (BARC-10: diez números enteros del 1 al 6).',
  },
  PL_DATE_IN_FUTURE: { message: 'La fecha está en el futuro.' },
  PL_BODY_TOO_LARGE: {
    message: 'El contenido enviado es más grande de lo que admite esta dirección.',
  },
  PL_MALFORMED_REQUEST: { message: 'La solicitud no se pudo leer como HTTP.' },
  PL_HEADERS_TOO_LARGE: {
    message: 'Los encabezados de la solicitud son más grandes de lo que admite este servidor.',
  },
  PL_REQUEST_TIMEOUT: { message: 'La solicitud tardó demasiado en llegar.' },
  PL_DELIVERY_CHANNEL_OFF: {
    message:
      'Este servidor no tiene cómo enviar por este canal (no hay proveedor de mensajes de texto ni claves de notificaciones configurados).',
  },
  PL_DELIVERY_INVALID: {
    message:
      'El mensaje no se puede enviar tal como está (un destinatario o un contenido que el canal rechaza).',
  },
  PL_SMS_REJECTED: {
    message:
      'El proveedor de mensajes de texto rechazó el mensaje definitivamente (un número al que no llega, un destinatario que se dio de baja, un texto que no acepta).',
  },
  PL_SMS_UNAVAILABLE: {
    message:
      'No se pudo contactar con el proveedor de mensajes de texto, no respondió a tiempo o pidió intentarlo más tarde.',
  },
  PL_SMS_AUTH_FAILED: {
    message: 'El proveedor de mensajes de texto rechazó las credenciales configuradas.',
  },
  PL_TEXTLINE_OFF: {
    message:
      'Esta línea no está configurada: el operador no definió TWILIO_AUTH_TOKEN (o TEXTLINE_WEBHOOK_SECRET).',
  },
  PL_TEXTLINE_SIGNATURE: {
    message: 'La firma X-Twilio-Signature no corresponde a esta petición: no vino de Twilio.',
  },
  PL_TEXTLINE_SECRET_MISSING: {
    message: 'Falta el encabezado X-Porchlight-Secret.',
  },
  PL_TEXTLINE_SECRET_WRONG: {
    message: 'El encabezado X-Porchlight-Secret no es el secreto compartido.',
  },
  PL_PUSH_GONE: {
    message: 'La suscripción a notificaciones caducó o fue retirada; se olvida.',
  },
  PL_PUSH_REJECTED: {
    message: 'El servicio de notificaciones rechazó la notificación definitivamente.',
  },
  PL_PUSH_UNAVAILABLE: {
    message:
      'No se pudo contactar con el servicio de notificaciones, no respondió a tiempo o pidió intentarlo más tarde.',
  },
  PL_PUSH_AUTH_FAILED: {
    message: 'El servicio de notificaciones rechazó las claves VAPID de este servidor.',
  },
  PL_MAIL_REJECTED: {
    message:
      'El servidor de correo rechazó el mensaje definitivamente; enviarlo de nuevo no servirá.',
  },
  PL_MAIL_UNAVAILABLE: {
    message:
      'No se pudo contactar con el servidor de correo, no respondió a tiempo o pidió intentarlo más tarde.',
  },
  PL_MAIL_AUTH_FAILED: {
    message: 'El servidor de correo rechazó las credenciales de SMTP_URL.',
  },
  PL_BACKUP_INVALID: { message: 'El archivo no es una copia de seguridad completa de Porchlight.' },
  PL_BACKUP_NEWER: {
    message:
      'La copia de seguridad la hizo un Porchlight más reciente que este; actualícelo primero.',
  },
  PL_RESTORE_NOT_EMPTY: {
    message: 'La base de datos donde restaurar ya tiene tablas; restaure en una vacía.',
  },
  PL_MAIL_TLS_FAILED: {
    message:
      'El servidor de correo no ofreció un STARTTLS que funcione; el correo no se envía sin cifrar.',
  },
  PL_SPACE_TOKEN_WRONG: {
    message: 'Esta cuenta de sincronización existe y el token no coincide.',
  },
  PL_SPACE_TOKEN_MISSING: {
    message:
      'La sincronización necesita el token de la cuenta en un encabezado Authorization: Bearer.',
  },
  PL_SPACE_VERSION_CONFLICT: {
    message:
      'El blob cambió desde que este dispositivo lo leyó; léalo de nuevo, combine y reintente.',
  },
  PL_SPACE_CALENDAR_NOT_FOUND: {
    message:
      'Esta dirección de calendario no se conoce: sus recordatorios se detuvieron, o nunca existió.',
  },
  PL_SUPPORTER_NOT_FOUND: {
    message: 'Este enlace de apoyo no se conoce: venció, ya se usó, o la persona de apoyo lo dejó.',
  },
  PL_SUPPORTER_NOT_ACTIVE: { message: 'La persona de apoyo aún no aceptó la invitación.' },
  PL_SUPPORTER_ALERT_LIMIT: {
    message:
      'Esta persona de apoyo ya recibió todos los mensajes permitidos por ahora; inténtelo dentro de una hora.',
  },
  PL_SUPPORTER_CODE_WRONG: {
    message: 'El código no es el que se envió; revíselo e inténtelo de nuevo.',
  },
  PL_SUPPORTER_CODE_EXHAUSTED: {
    message:
      'Se pidieron o se escribieron mal demasiados códigos; pida un nuevo enlace de invitación.',
  },
  PL_NOT_READY: { message: 'El servidor se está iniciando y aún no está listo.' },
  PL_STORAGE_FULL: {
    message:
      'El almacenamiento del servidor está lleno: no se guardó nada. La consulta sigue funcionando; inténtelo de nuevo cuando el operador haya liberado espacio.',
  },
  PL_INTERNAL: { message: 'Algo salió mal por nuestra parte.' },
};

export const feedProblemsEs: Record<FeedProblemCode, string> = {
  PL_ROW_NOT_OBJECT: 'La fila no es un objeto JSON.',
  PL_ROW_TOO_DEEP: 'La fila anida listas u objetos a más de 16 niveles de profundidad; no se leyó.',
  PL_MISSING_NAME: 'La reunión no tiene nombre.',
  PL_MISSING_SLUG: 'La reunión no tiene identificador.',
  PL_DUPLICATE_SLUG: 'Otra fila anterior del feed tiene este identificador.',
  PL_INVALID_DAY: 'El día no es un día de la semana (0-6, domingo = 0).',
  PL_INVALID_TIME: 'La hora no es una hora del día.',
  PL_TOO_LONG: 'El texto es más largo de lo permitido.',
  PL_TEXT_TRUNCATED: 'El texto era más largo de lo permitido y se descartó.',
  PL_INVALID_END_TIME: 'La hora de fin no es una hora del día; se supone una hora de duración.',
  PL_MISSING_TIME: 'Un día sin hora se lee como «con cita previa».',
  PL_UNKNOWN_TYPE: 'El tipo no está en el vocabulario del programa y se descartó.',
  PL_INVALID_TYPES: 'Los tipos deben ser una lista de códigos.',
  PL_INVALID_URL: 'El enlace no es una dirección web válida y se descartó.',
  PL_UNSAFE_URL: 'Solo se conservan enlaces http y https; este se descartó.',
  PL_INVALID_PHONE: 'El número de teléfono tiene muy pocos dígitos y se descartó.',
  PL_INVALID_COORDINATES: 'Las coordenadas están fuera de rango y se descartaron.',
  PL_INVALID_TIMEZONE: 'La zona horaria no es una zona IANA; se dedujo en su lugar.',
  PL_TIMEZONE_UNKNOWN: 'No se pudo deducir la zona horaria; se supone UTC.',
  PL_INVALID_DATE: 'No se pudo leer la fecha y se descartó.',
  PL_INVALID_FIELD: 'El campo tiene un valor de tipo incorrecto y se descartó.',
  PL_SCHEMA_MISMATCH: 'El campo no coincide con el esquema publicado del feed.',
  PL_INVALID_WEEKDAY: 'El día no es un día de la semana (1-7, domingo = 1).',
  PL_INVALID_VENUE_TYPE: 'El tipo de lugar no es 1, 2 ni 3; se dedujo de los demás campos.',
  PL_UNKNOWN_FORMAT:
    'El formato no tiene equivalente en el vocabulario del programa; se conservó como dato de la fuente.',
  PL_FEED_ENCODING: 'El feed no es UTF-8 válido; se leyó como Windows-1252 (Latin-1).',
  PL_PLACED_APPROXIMATELY:
    'Las reuniones con dirección pero sin coordenadas se situaron en el centro de su código postal o localidad: una búsqueda cerca de un lugar las encuentra, un mapa no las marca.',
  PL_NOT_PLACED:
    'Las reuniones con dirección pero sin coordenadas no se pudieron situar: una búsqueda cerca de un lugar no las encuentra.',
  PL_GEOCODER_FAILED:
    'No se pudo consultar el geocodificador de direcciones; las reuniones que habría situado se situaron sin conexión.',
  PL_EXTRA_CELLS:
    'La fila tiene más celdas que columnas el encabezado; las celdas de más se descartaron.',
  PL_MISSING_FIELD: 'Falta un campo obligatorio o está vacío; el registro no se importó.',
  PL_DUPLICATE_ID: 'Otro registro del mismo tipo, antes en el archivo, tiene este identificador.',
  PL_UNKNOWN_REFERENCE:
    'El registro enlaza con un registro que el archivo no tiene; el enlace no se importó.',
  PL_INVALID_SCHEDULE: 'El horario es imposible y se descartó.',
  PL_UNKNOWN_TERM:
    'El término no es una necesidad de Open Eligibility ni un atributo de recuperación; se descartó.',
};
