import type { MessageId } from './messages-en.js';

/**
 * Spanish messages (usted, as the fellowships' own Spanish literature addresses readers).
 * Typed against the English ids, so a missing or stray key fails the type check.
 */
export const es: Record<MessageId, string> = {
  'site.name': 'Porchlight',
  'site.description':
    'Encuentre una reunión de ayuda mutua (AA, NA, Al-Anon, SMART Recovery y más) en persona, en línea o por teléfono.',
  'nav.skip': 'Saltar al contenido principal',
  'nav.site': 'Sitio',
  'nav.home': 'Buscar una reunión',
  'nav.help': 'Ayuda',
  'nav.about': 'Acerca de',
  'nav.language': 'Idioma',
  'crisis.label': 'Ayuda en crisis',
  'crisis.question': '¿En crisis?',
  'crisis.988': 'Llame o envíe un texto al 988',
  'crisis.samhsa': 'Línea Nacional de Ayuda de SAMHSA 1-800-662-4357',
  'footer.privacy': 'Sin rastreadores, sin anuncios, nada cargado desde otros sitios.',

  'home.title': 'Buscar una reunión',
  'home.count':
    '{count, plural, =0 {Todavía no hay reuniones en la lista.} one {Hay # reunión en la lista, en persona, en línea y por teléfono.} other {Hay # reuniones en la lista, en persona, en línea y por teléfono.}}',
  'finder.search': 'Buscar reuniones',
  'finder.near': 'Código postal o localidad',
  'finder.near.hint': 'Por ejemplo 01301 o Greenfield, MA',
  'finder.q': 'Nombre o palabra',
  'finder.submit': 'Buscar',
  'finder.apply': 'Aplicar filtros',
  'finder.filters':
    '{count, plural, =0 {Filtros} one {Filtros (# activo)} other {Filtros (# activos)}}',
  'finder.day': 'Día',
  'finder.day.any': 'Cualquier día',
  'finder.time': 'Momento del día',
  'finder.time.any': 'A cualquier hora',
  'finder.time.window': '{part}, de {from} a {to}',
  'finder.time.custom': 'De {from} a {to}',
  'finder.time.morning': 'Mañana',
  'finder.time.afternoon': 'Tarde',
  'finder.time.evening': 'Última hora de la tarde',
  'finder.time.night': 'Noche',
  'finder.soon': 'Empieza pronto',
  'finder.soon.any': 'Sin límite',
  'finder.soon.within':
    '{minutes, plural, one {En el próximo minuto} other {En los próximos # minutos}}',
  'finder.attendance': 'Cómo se reúne',
  'finder.attendance.any': 'De cualquier forma',
  'finder.program': 'Programa',
  'finder.program.any': 'Cualquier programa',
  'finder.focus': 'Ayuda con',
  'finder.focus.any': 'Cualquier tema',
  'finder.focus.alcohol': 'Alcohol',
  'finder.focus.drugs': 'Drogas',
  'finder.focus.gambling': 'Juego',
  'finder.focus.sex_and_love': 'Sexo y amor',
  'finder.focus.food': 'Comida',
  'finder.focus.co_dependency': 'Codependencia',
  'finder.focus.family_and_friends': 'Un familiar o un amigo',
  'finder.focus.behaviour': 'Otras conductas',
  'finder.types': 'Tipo de reunión',
  'finder.tag.women': 'Mujeres',
  'finder.tag.men': 'Hombres',
  'finder.tag.young_people': 'Jóvenes',
  'finder.tag.lgbtq': 'LGBTQ+',
  'finder.tag.beginners': 'Principiantes',
  'finder.tag.open': 'Abierta (puede asistir cualquiera)',
  'finder.tag.closed': 'Cerrada',
  'finder.lang': 'Idioma',
  'finder.lang.any': 'Cualquier idioma',
  'finder.wheelchair': 'Solo salas accesibles en silla de ruedas',
  'finder.radius': 'Distancia',
  'finder.radius.within': 'A menos de {distance}',
  'finder.units': 'Unidades',
  'finder.units.mi': 'Millas',
  'finder.units.km': 'Kilómetros',
  'finder.sort': 'Orden',
  'finder.sort.time': 'Primero las que empiezan antes',
  'finder.sort.distance': 'Primero las más cercanas',
  'finder.field.nearest': 'Reuniones más cercanas',
  'finder.field.in_progress': 'En curso',
  'finder.field.date': 'Fecha',
  'finder.field.include_closed': 'Reuniones cerradas',
  'finder.field.limit': 'Reuniones por página',
  'finder.field.cursor': 'Página',
  'finder.field.tz': 'Zona horaria',
  'finder.problem.place':
    'No conocemos ningún lugar llamado «{place}». Pruebe con un código postal o con una localidad y su estado, como «Greenfield, MA».',
  'finder.problem.needsPlace':
    'Para buscar por distancia hace falta un código postal o una localidad.',
  'finder.problem.type':
    '«{value}» no es un tipo de reunión del programa elegido. Desmárquelo o elija otro programa.',
  'finder.problem.field':
    '«{field}» tiene un valor que no se puede usar. Elija otro y busque de nuevo.',
  'finder.problem.meanwhile':
    'Mientras tanto, estas son reuniones en línea y por teléfono, las más próximas primero.',
  'finder.results.near':
    '{count, plural, =0 {Ninguna reunión cerca de {place}} one {# reunión cerca de {place}} other {# reuniones cerca de {place}}}',
  'finder.results.nearYou':
    '{count, plural, =0 {Ninguna reunión cerca de usted} one {# reunión cerca de usted} other {# reuniones cerca de usted}}',
  'finder.results.count':
    '{count, plural, =0 {Ninguna reunión coincide} one {# reunión coincide} other {# reuniones coinciden}}',
  'finder.results.empty':
    'Ninguna reunión coincide con esta búsqueda. Pruebe con menos filtros o una distancia mayor.',
  'finder.default.heading': 'Reuniones en línea y por teléfono, las más próximas primero',
  'finder.default.prompt':
    'Escriba un código postal o una localidad para ver las reuniones cercanas.',
  'finder.badge.now': 'En curso',
  'finder.badge.soon': '{minutes, plural, one {Empieza en # min} other {Empieza en # min}}',
  'finder.closed': 'Cerrada temporalmente',
  'finder.distance': 'A {distance}',
  'finder.print': 'Imprimir esta lista (PDF)',
  'finder.calendar': 'Añadir estas reuniones a un calendario',
  'finder.more': 'Más reuniones',
  'finder.first': 'Volver a las primeras reuniones',
  'finder.fallback.heading': 'Pocas reuniones cerca',
  'finder.fallback.summary':
    '{found, plural, =0 {{kind, select, women {No hay ninguna reunión presencial de mujeres a menos de {distance}.} men {No hay ninguna reunión presencial de hombres a menos de {distance}.} young_people {No hay ninguna reunión presencial de jóvenes a menos de {distance}.} lgbtq {No hay ninguna reunión presencial LGBTQ+ a menos de {distance}.} filtered {Ninguna reunión presencial coincide con su búsqueda a menos de {distance}.} other {No hay ninguna reunión presencial a menos de {distance}.}}} one {{kind, select, women {Solo hay una reunión presencial de mujeres a menos de {distance}.} men {Solo hay una reunión presencial de hombres a menos de {distance}.} young_people {Solo hay una reunión presencial de jóvenes a menos de {distance}.} lgbtq {Solo hay una reunión presencial LGBTQ+ a menos de {distance}.} filtered {Solo una reunión presencial coincide con su búsqueda a menos de {distance}.} other {Solo hay una reunión presencial a menos de {distance}.}}} other {{kind, select, women {Solo hay {found} reuniones presenciales de mujeres a menos de {distance}.} men {Solo hay {found} reuniones presenciales de hombres a menos de {distance}.} young_people {Solo hay {found} reuniones presenciales de jóvenes a menos de {distance}.} lgbtq {Solo hay {found} reuniones presenciales LGBTQ+ a menos de {distance}.} filtered {Solo {found} reuniones presenciales coinciden con su búsqueda a menos de {distance}.} other {Solo hay {found} reuniones presenciales a menos de {distance}.}}}}',
  'finder.fallback.nearest': 'La más cercana está a {distance}.',
  'finder.fallback.nearestIn': 'La más cercana está a {distance}, en {town}.',
  'finder.fallback.remote':
    '{count, plural, one {También aparece {meetings}{kind, select, women { para mujeres} men { para hombres} young_people { para jóvenes} lgbtq { para personas LGBTQ+} filtered { que respeta el resto de su búsqueda} other {}}, a la que puede unirse desde cualquier lugar.} other {También aparecen {meetings}{kind, select, women { para mujeres} men { para hombres} young_people { para jóvenes} lgbtq { para personas LGBTQ+} filtered { que respetan el resto de su búsqueda} other {}}, a las que puede unirse desde cualquier lugar.}}',
  'finder.fallback.beyondHeading': 'Reuniones presenciales más cercanas, más allá de esa distancia',
  'finder.fallback.remoteHeading': 'Más reuniones en línea y por teléfono',
  'finder.count.online': '{count, plural, one {# reunión en línea} other {# reuniones en línea}}',
  'finder.count.phone':
    '{count, plural, one {# reunión por teléfono} other {# reuniones por teléfono}}',
  'finder.relaxed.beyond':
    '{count, plural, =0 {Para las salas más lejanas se mantienen todos los filtros que eligió.} other {Para las salas más lejanas dejamos de lado {list}; todo lo demás que pidió se mantiene.}}',
  'finder.relaxed.remote':
    '{count, plural, =0 {Para las reuniones en línea y por teléfono se mantienen todos los filtros que eligió.} other {Para las reuniones en línea y por teléfono dejamos de lado {list}; todo lo demás que pidió se mantiene.}}',
  'finder.relaxed.radius': 'la distancia',
  'finder.relaxed.attendance': 'la asistencia en persona',
  'finder.relaxed.text': 'sus palabras de búsqueda',
  'finder.relaxed.wheelchair': 'el acceso en silla de ruedas',

  'meeting.program': 'Programa',
  'meeting.attendance': 'Cómo se reúne',
  'meeting.attendance.in_person': 'En persona',
  'meeting.attendance.online': 'En línea',
  'meeting.attendance.hybrid': 'En persona y en línea',
  'meeting.attendance.phone': 'Por teléfono',
  'meeting.status.temporarily_closed':
    'Esta reunión está cerrada temporalmente. Consulte con el grupo antes de ir.',
  'meeting.status.inactive': 'Esta reunión ya no figura como activa.',

  'when.heading': 'Cuándo',
  'when.byAppointment': 'Con cita previa',
  'when.weekly': 'Cada {weekday} a {hour, plural, one {la} other {las}} {time}',
  'when.biweekly': 'Cada dos semanas, el {weekday}, a {hour, plural, one {la} other {las}} {time}',
  'when.monthly':
    'El {week, select, first {primer} second {segundo} third {tercer} fourth {cuarto} fifth {quinto} other {último}} {weekday} de cada mes a {hour, plural, one {la} other {las}} {time}',
  'when.zone': 'Las horas están en {zone}.',
  'when.next': 'Próximas reuniones',
  'when.occurrence': '{date}, {time} {zone}',
  'when.yourTime': 'Su hora: {date}, {time} {zone}',
  'when.inProgress': 'En curso ahora',
  'when.none': 'No hay ninguna reunión próxima programada.',
  'when.calendar': 'Añadir al calendario',

  'where.heading': 'Dónde',
  'where.directions': 'Cómo llegar (OpenStreetMap)',
  'where.approximate': 'Solo figura la localidad: {place}',
  'where.wheelchair.yes': 'Accesible en silla de ruedas',
  'where.wheelchair.no': 'No es accesible en silla de ruedas',
  'where.accessibility': 'Accesibilidad: {notes}',

  'join.heading': 'Cómo unirse',
  'join.online': 'Unirse en línea',
  'join.onlineWith': 'Unirse en {provider}',
  'join.phone': 'Llamar al {number}',
  'join.phoneCodes': 'La llamada también marca {codes} tras breves pausas.',

  'details.heading': 'Sobre esta reunión',
  'details.types': 'Tipos de reunión',
  'details.languages': 'Idiomas',
  'details.group': 'Grupo',
  'details.notes': 'Notas',
  'details.contributions': 'Contribuciones',
  'details.contributions.url': 'Sitio web',
  'details.contacts': 'Contactos',
  'details.website': 'Sitio web del grupo',
  'details.listedBy': 'Publicada por',
  'details.source': 'De la lista de {source}.',
  'details.updated': 'Actualizada el {date}.',
  'details.verified': 'Verificada por última vez por una persona el {date}.',
  'details.notVerified': 'Todavía no ha sido verificada por una persona.',

  'share.heading': 'Compartir',
  'share.label': 'Enlace a esta reunión',
  'share.hint': 'Copie este enlace para enviar la reunión a alguien.',

  'report.heading': 'Informar de un problema',
  'report.intro':
    '¿Hay algo incorrecto en esta reunión? Avise a los voluntarios que mantienen la lista. Por favor, no incluya nombres, números de teléfono ni otros datos personales.',
  'report.kind': '¿Qué está mal?',
  'report.kind.wrong_time': 'El día o la hora no son correctos',
  'report.kind.wrong_place': 'La dirección o el lugar no son correctos',
  'report.kind.wrong_link': 'El enlace o el número de teléfono no funcionan',
  'report.kind.closed': 'La reunión ya no se celebra',
  'report.kind.other': 'Otra cosa',
  'report.message': 'Detalles (opcional, hasta 1.000 caracteres)',
  'report.honeypot': 'Deje este campo vacío',
  'report.submit': 'Enviar aviso',
  'report.thanks.title': 'Gracias',
  'report.thanks.body': 'Su aviso va camino de los voluntarios que mantienen esta lista.',
  'report.thanks.back': 'Volver a {name}',
  'report.invalid.title': 'No se pudo enviar el aviso',
  'report.invalid.body':
    'Elija qué está mal y escriba menos de 1.000 caracteres en los detalles. Vuelva atrás e inténtelo de nuevo.',

  'error.code': 'Código de error: {code}',
  'error.notFound.title': 'Página no encontrada',
  'error.notFound.body': 'No hay nada en esta dirección.',
  'error.meetingNotFound.title': 'Reunión no encontrada',
  'error.meetingNotFound.body':
    'Ninguna reunión tiene esta dirección. Puede que se haya quitado de la lista o cambiado de nombre.',
  'error.badRequest.title': 'No se pudo leer esta dirección',
  'error.badRequest.body': 'Revise la dirección, o vuelva atrás e inténtelo de nuevo.',
  'error.rateLimited.title': 'Espere un momento, por favor',
  'error.rateLimited.body':
    'Se enviaron demasiados avisos desde aquí. Inténtelo de nuevo en unos minutos.',
  'error.internal.title': 'Algo salió mal',
  'error.internal.body': 'Algo salió mal por nuestra parte. Inténtelo de nuevo, por favor.',
  'error.findAnother': 'Buscar otra reunión',

  'help.title': 'Ayuda',
  'help.crisis.heading': 'Si está en crisis',
  'help.crisis.988':
    'La Línea 988 de Prevención del Suicidio y Crisis: llame o envíe un texto al 988, a cualquier hora del día o de la noche. Es gratuita y confidencial.',
  'help.crisis.samhsa':
    'La Línea Nacional de Ayuda de SAMHSA, 1-800-662-4357: información y derivación a tratamiento, gratuita y confidencial, las 24 horas, todos los días del año, en inglés y en español.',
  'help.crisis.911': 'En una emergencia, llame al 911.',
  'help.call988': 'Llamar al 988',
  'help.text988': 'Enviar un texto al 988',
  'help.callSamhsa': 'Llamar al 1-800-662-4357',
  'help.finder.heading': 'Cómo encontrar una reunión',
  'help.finder.where':
    'Busque por código postal o localidad, o deje que su teléfono comparta su ubicación. Primero aparecen las reuniones a las que puede llegar antes.',
  'help.finder.remote':
    '¿No hay ninguna reunión cerca? También aparecen reuniones en línea y por teléfono. Para una reunión por teléfono no hace falta internet, solo un teléfono.',
  'help.finder.page':
    'La página de cada reunión dice cuándo y dónde se reúne. Con un toque se marca el número, con el código y la contraseña incluidos, o se abre la reunión en línea.',
  'help.finder.calendar':
    'Puede añadir una reunión a su calendario, compartir su enlace o avisarnos si algo está mal.',
  'help.types.heading': 'Qué significan los tipos de reunión',
  'help.types.intro':
    'Cada comunidad tiene su propia lista de tipos de reunión; la página de cada reunión los explica con palabras sencillas. Los más comunes:',
  'help.types.open':
    'Abierta: puede asistir cualquier persona, también familiares, amistades y curiosos.',
  'help.types.closed':
    'Cerrada: para quienes quieren ayuda con el problema del que se ocupa el grupo, o creen que podrían tenerlo.',
  'help.types.beginners': 'Principiantes: pensada para quienes acaban de llegar.',
  'help.types.discussion': 'Discusión: los miembros comparten por turnos sobre un tema.',
  'help.types.speaker': 'Oradores: uno o más miembros cuentan su historia.',
  'help.types.study':
    'Estudio de pasos o de literatura: el grupo lee y comenta un libro o un paso.',
  'help.types.identity':
    'Mujeres, hombres, jóvenes, LGBTQ+: reuniones para un grupo de personas; en las abiertas pueden ser bienvenidas otras.',
  'help.types.attendance':
    'En persona, en línea, híbrida (ambas a la vez) y por teléfono indican cómo puede participar.',

  'about.title': 'Acerca de Porchlight',
  'about.what':
    'Porchlight es un directorio gratuito de reuniones de ayuda mutua (AA, NA, Al-Anon, SMART Recovery, JA y más) en persona, en línea y por teléfono. Está pensado ante todo para las zonas rurales: pocos grupos cercanos, trayectos largos y conexiones débiles.',
  'about.independent':
    'Porchlight no está afiliado a ninguna comunidad. Los datos de las reuniones vienen de los grupos y las entidades de servicio que mantienen las listas.',
  'about.privacy.heading': 'Privacidad',
  'about.privacy.trackers':
    'Sin rastreadores, sin analítica y sin publicidad. Las páginas no cargan nada de otros sitios: ni fuentes, ni scripts, ni imágenes de fuera.',
  'about.privacy.account':
    'No hace falta una cuenta. Un aviso de problema guarda solo lo que usted escribe sobre la reunión, nunca quién es usted.',
  'about.privacy.logs':
    'Nuestros registros anotan qué página se pidió, nunca su búsqueda ni su ubicación.',
  'about.data.heading': 'De dónde vienen los datos',
  'about.data.meetings':
    'Las reuniones vienen de las listas que publican las intergrupales, las áreas y otras entidades de servicio, en el formato Meeting Guide. La página de cada reunión nombra su lista y cuándo se actualizó por última vez.',
  'about.data.places': 'La búsqueda de lugares funciona sin conexión, con datos abiertos:',
  'about.license': 'Porchlight es software libre con licencia MIT.',

  'client.offline': 'Sin conexión — actualizado: {time}',
  'client.fav.save': 'Guardar',
  'client.fav.label': 'Guardar {name} en mis reuniones',
  'client.fav.refused':
    'Este navegador no lo guardó: hace falta permitir el almacenamiento del sitio.',
  'client.locate': 'Usar mi ubicación',
  'client.locate.busy': 'Buscando su ubicación…',
  'client.locate.denied':
    'La ubicación está desactivada para este sitio. Escriba un código postal o una localidad.',
  'client.locate.unavailable':
    'No se pudo encontrar su ubicación. Escriba un código postal o una localidad.',
  'client.map.show': 'Mostrar mapa',
  'client.map.hide': 'Ocultar mapa',
  'client.map.label': 'Mapa de estas reuniones',
  'client.my.heading': 'Mis reuniones',
  'client.my.device': 'Se guardan solo en este dispositivo; no se envía nada al servidor.',
  'client.my.remove': 'Quitar {name}',
  'print.title.all': 'Reuniones',
  'print.title.near': 'Reuniones a menos de {radius} de {place}',
  'print.title.nearest': 'Reuniones cerca de {place} (las {count} más cercanas)',
  'print.filter.days': 'Días: {days}',
  'print.filter.between': 'Que empiezan entre las {from} y las {to}',
  'print.filter.from': 'Que empiezan a las {from} o más tarde',
  'print.filter.to': 'Que empiezan antes de las {to}',
  'print.filter.startingWithin':
    '{minutes, plural, one {Que empiezan en menos de # minuto desde la impresión} other {Que empiezan en menos de # minutos desde la impresión}}',
  'print.filter.date': 'El {date}',
  'print.filter.focus': 'Ayuda con: {focus}',
  'print.filter.types': 'Tipos: {types}',
  'print.filter.languages': 'En {languages}',
  'print.filter.text': 'Con «{text}»',
  'print.filter.includeClosed': 'Incluye las reuniones cerradas temporalmente',
  'print.focus.alcohol': 'el alcohol',
  'print.focus.drugs': 'las drogas',
  'print.focus.gambling': 'el juego',
  'print.focus.sex_and_love': 'el sexo y el amor',
  'print.focus.food': 'la comida',
  'print.focus.co_dependency': 'la codependencia',
  'print.focus.family_and_friends': 'la bebida o el consumo de un familiar o amigo',
  'print.focus.behaviour': 'otras conductas',
  'print.way.room': 'en persona',
  'print.way.online': 'en línea',
  'print.way.hybrid': 'híbridas',
  'print.way.phone': 'por teléfono',
  'print.printed': 'Impreso el {date}. La lista al día: {url}',
  'print.count': '{count, plural, one {# reunión.} other {# reuniones.}}',
  'print.zone': 'Las horas son locales, en {zone}, salvo que se indique otra zona.',
  'print.capped':
    'Esta lista muestra {shown, number} de las {total, number} reuniones que coinciden. Acote la búsqueda para imprimir el resto.',
  'print.empty':
    'Ninguna reunión coincide con esta búsqueda. Busque de nuevo con menos filtros, o llame a una de las líneas de ayuda de abajo.',
  'print.fallback':
    '{count, plural, =0 {Ninguna reunión en persona coincide} one {Solo # reunión en persona coincide} other {Solo # reuniones en persona coinciden}} a menos de {radius}; por eso siguen las más cercanas un poco más lejos y las reuniones en línea y por teléfono.',
  'print.section.beyond': 'Más lejos: las reuniones más cercanas a más de {radius}',
  'print.section.remote': 'Reuniones en línea y por teléfono',
  'print.help.heading': 'Ayuda, de día o de noche',
  'print.continued': '{day} (continuación)',
  'print.page': 'Página {page} de {pages}',
  'print.dial': 'Llame al {number}',
  'print.dialCodes': 'Llame al {number} y marque {codes}',
  'print.online': 'Enlace para unirse: {url}',
  'print.onlineWith': 'En {provider}. Enlace para unirse: {url}',
  'print.biweekly': 'Cada dos semanas',
  'print.biweeklyNext': 'Cada dos semanas; la próxima, el {date}',
  'print.monthly': '{weeks} {weekday} de cada mes',
  'print.ordinal': '{n}.º',
  'print.last': 'último',
  'print.languages': 'En {languages}',
  'print.distance': 'a {distance}',
  'print.status.temporarily_closed': 'Cerrada temporalmente: consulte con el grupo antes de ir.',
  'print.status.inactive': 'Ya no figura como activa.',
  'print.error.title': 'No se pudo imprimir esta lista',
  'print.error.field': 'Revise la parte «{field}» de la búsqueda: {message}',
  'print.error.body': 'Cambie la búsqueda e inténtelo de nuevo.',
  'print.error.rateLimited':
    'Se imprimieron muchas listas desde aquí hace un momento. Espere un minuto e inténtelo de nuevo.',
};
