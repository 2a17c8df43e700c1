app-title = Mahalla xizmatlari terminali
nav-back = Orqaga
nav-home = Bosh sahifa
net-online = Aloqa bor
net-offline = Aloqa yoʻq
net-calm = Arizalar shu terminalda xavfsiz saqlanadi va avtomatik yuboriladi.
net-waiting = { $count ->
    [one] { $count } ta ariza yuborilishini kutmoqda
   *[other] { $count } ta ariza yuborilishini kutmoqda
}

start-welcome = Xush kelibsiz!
start-choose-language = Tilni tanlang
start-begin = Boshlash
a11y-large-text = Kattaroq yozuv
a11y-normal-text = Oddiy yozuv
a11y-high-contrast = Yuqori kontrast
a11y-normal-contrast = Oddiy ranglar

home-title = Sizga qanday yordam bera olamiz?
home-services = Davlat xizmatlari
home-services-hint = Maʼlumot, arizalar va maʼlumotnomalar
home-appeals = Murojaatlar
home-appeals-hint = Ariza, taklif yoki shikoyat yuboring
home-check = Arizamni tekshirish
home-check-hint = Kvitansiyadagi kodni kiriting yoki skanerlang

services-title = Davlat xizmatlari
appeals-title = Murojaatlar
appeals-intro = Murojaatingiz darhol roʻyxatga olinadi va mahallaga yoki hokimlikka yuboriladi. Uni kuzatib borish uchun kvitansiyani saqlab qoʻying.

kind-informational = Faqat maʼlumot
kind-interactive = Ariza shu yerda beriladi, natija idoradan olinadi
kind-transactional = Toʻliq onlayn
card-agency = Masʼul idora
card-term = Muddati
card-where = Qayerga borish kerak
card-hours = Ish vaqti
card-fee = Toʻlov
card-documents = Kerakli hujjatlar
card-next-steps = Keyin nima boʻladi
card-apply = Ariza berish
card-informational = Bu xizmat uchun bu yerda ariza berish shart emas: hujjatlaringiz bilan yuqoridagi manzilga boring.
fee-free = Bepul
fee-at-office = Idorada: { $amount } soʻm
fee-via-portal = Portal orqali: { $amount } soʻm (10 % arzonroq)
fee-disability = Nogironligi boʻlgan shaxslar uchun portal orqali: { $amount } soʻm
term-same-day = Shu kunning oʻzida
term-days = { $count ->
    [one] { $count } ish kuni
   *[other] { $count } ish kuni
}

form-next = Davom etish
form-has-errors = Iltimos, qizil rang bilan belgilangan maydonlarni tuzating.
hint-pinfl = JShShIR (PINFL) — ID-kartangizdagi 14 xonali raqam
hint-passport = Masalan, AA1234567
hint-phone = +998 90 123 45 67
hint-date = Sanani tanlash uchun bosing
review-empty = —

kb-letters = ABC
kb-space = Boʻsh joy
kb-backspace = Oʻchirish
kb-enter = Keyingi

review-title = Arizangizni tekshiring
review-show = Maʼlumotlarimni koʻrsatish
review-hide = Maʼlumotlarimni yashirish
review-consent = Ushbu arizani koʻrib chiqish uchun shaxsga doir maʼlumotlarimga ishlov berilishiga roziman.
review-consent-needed = Arizani yuborish uchun yuqoridagi katakchani belgilang.
review-consent-given = Ha
review-consent-not-given = Yoʻq
review-edit = Oʻzgartirish
review-submit = Yuborish

submitting-title = Arizangiz saqlanmoqda…
submitting-hint = Bu biroz vaqt oladi. Iltimos, kuting.

receipt-title = Arizangiz roʻyxatga olindi
receipt-code-label = Kvitansiya kodingiz
receipt-printing = Kvitansiya chop etilmoqda…
receipt-printed = Chop etilgan kvitansiyani oling.
receipt-print-failed = Kvitansiyani chop etib boʻlmadi.
receipt-print-failed-next = Iltimos, kodni yozib oling. Arizangiz saqlandi; mahalla xodimlari kvitansiyani qayta chop etib berishadi.
receipt-offline = Terminalda aloqa yoʻq: arizangiz shu yerda saqlandi va aloqa tiklanishi bilanoq yuboriladi.
receipt-next-steps = Keyin nima boʻladi
receipt-check-later = Holatini istalgan mahalla terminalida ushbu kod bilan yoki telefoningiz bilan kvitansiyadagi QR kodni skanerlab tekshirishingiz mumkin.
receipt-check-later-demo = Bu terminal hali portalga ulanmagan: holatni faqat shu yerda, ushbu kod bilan tekshirish mumkin.
receipt-done = Tayyor

printer-paper-end = Printerda qogʻoz tugadi.
printer-cover-open = Printer qopqogʻi ochiq.
printer-offline = Printer javob bermayapti.
printer-error = Printerda nosozlik yuz berdi.
printer-timeout = Printer oʻz vaqtida javob bermadi. Yoqilganini va kabeli ulanganini tekshiring.
printer-port-open = Printer porti ochilmadi. Kabelni tekshiring yoki boshqa portni tanlang.
printer-bad-reply = Printer kutilmagan javob berdi. Printer modeli va tezligini tekshiring.
printer-port = Printer bilan aloqa uzildi. Kabelni tekshiring.
printer-unsupported-baud = Bu port tanlangan tezlikni qoʻllamaydi. Boshqa tezlikni tanlang.
printer-printout = Sahifani bu printer uchun tayyorlab boʻlmadi. Texnik xodimga xabar bering.

status-code-label = Kvitansiya kodi
status-code-hint = Masalan, 000-100-001B
status-find = Qidirish
status-intro = Kvitansiyadagi kodni quyidagi klaviaturada kiriting yoki kvitansiyadagi QR kodni skanerga tuting.
status-created = Yuborilgan sana: { $date }
status-not-found = Bunday kodli ariza hozircha topilmadi. Kvitansiyadagi kodni tekshiring: ariza u berilgan terminal aloqaga chiqishi bilan portalga yetib boradi.
status-not-found-offline = Bu kod ushbu terminalda yoʻq, portal bilan esa hozir aloqa yoʻq. Iltimos, keyinroq qayta urinib koʻring.
status-not-found-here = Bu terminalda bunday kodli ariza yoʻq. Terminal hali portalga ulanmagan, shuning uchun boshqa joydan qidira olmaydi.
status-checking = Portaldan soʻralmoqda…
status-only-here-since = Portal bilan hozir aloqa yoʻq, shuning uchun faqat shu terminaldagi maʼlumot koʻrsatilmoqda. Portal bilan oxirgi aloqa: { $date }.
status-only-here = Portal bilan hozir aloqa yoʻq, shuning uchun faqat shu terminaldagi maʼlumot koʻrsatilmoqda.
status-not-enrolled = Bu terminal hali portalga ulanmagan, shuning uchun faqat uning oʻz maʼlumotlari koʻrsatilmoqda.
status-not-yet-at-portal = Bu ariza hali portalga yetib bormagan. Terminal uni aloqa tiklanishi bilan yuboradi.
status-answer-withheld = Idora javob berdi. Javobni koʻrish uchun kvitansiyadagi QR kodni skanerga tuting yoki arizada koʻrsatgan JShShIRingizni kiriting.
status-answer-withheld-qr = Idora javobini koʻrish uchun kvitansiyadagi QR kodni skanerga tuting.
status-pinfl-label = JShShIR (14 ta raqam)
status-show-answer = Javobni koʻrsatish
status-print = Chop etish
status-printing = Chop etilmoqda…
status-printed = Chop etilgan varaqni oling.
status-pinfl-mismatch = Bu JShShIR arizada koʻrsatilganiga mos kelmadi, shuning uchun javob koʻrsatilmaydi.
status-too-many-tries = Bu kvitansiya uchun notoʻgʻri JShShIR juda koʻp marta kiritildi. Ertaga qayta urinib koʻring yoki kvitansiyadagi QR kodni skanerga tuting.
status-pinfl-not-checked = JShShIRni tekshirish uchun portal bilan hozir aloqa yoʻq. Keyinroq urinib koʻring yoki kvitansiyadagi QR kodni skanerga tuting.
status-next-queued = Arizangiz shu terminalda saqlangan va aloqa tiklanishi bilan portalga yuboriladi.
status-next-sending = Arizangiz hozir portalga yuborilmoqda.
status-next-delivered = Arizangiz portalda; idora uni koʻrib chiqadi.
status-next-quarantined = Iltimos, mahalla xodimlariga murojaat qiling: ular portal nega qabul qilmaganini koʻra oladi.
status-next-received = Idora arizangizni qabul qildi va koʻrib chiqadi. Hozircha sizdan hech narsa talab qilinmaydi.
status-next-in-review = Idora arizangizni koʻrib chiqmoqda. Hozircha sizdan hech narsa talab qilinmaydi.
status-next-needs-information = Idoraga sizdan qoʻshimcha maʼlumot kerak: javobini oʻqing va soʻralganini mahalla idorasiga olib keling.
status-next-approved = Arizangiz maʼqullandi. Idora javobida aytilganlarga amal qiling.
status-next-rejected = Arizangiz rad etildi; sababi idora javobida. Mahalla xodimlari nima qilish mumkinligini tushuntirib berishadi.
status-next-completed = Arizangiz boʻyicha ish yakunlandi.
state-queued = Terminalda saqlandi, yuborilishi kutilmoqda
state-sending = Portalga yuborilmoqda
state-delivered = Portalga yetkazildi
state-quarantined = Portal uni qabul qila olmadi; mahalla xodimlari sizga yordam berishadi

idle-title = Hali shu yerdamisiz?
idle-countdown = { $count ->
    [one] Kiritgan barcha maʼlumotlaringiz { $count } soniyadan soʻng oʻchiriladi.
   *[other] Kiritgan barcha maʼlumotlaringiz { $count } soniyadan soʻng oʻchiriladi.
}
idle-continue = Ha, davom etish

error-field-required = Iltimos, bu maydonni toʻldiring.
error-field-too-short = Juda qisqa: kamida { $min } ta belgi boʻlishi kerak.
error-field-too-long = Juda uzun: koʻpi bilan { $max } ta belgi boʻlishi mumkin.
error-field-unknown = Bu maydon ariza shakliga tegishli emas.
error-date-format = Sanani KK.OO.YYYY koʻrinishida kiriting.
error-date-in-future = Sana kelajakda boʻlishi mumkin emas.
error-date-in-past = Sana oʻtmishda boʻlishi mumkin emas.
error-choice-not-an-option = Variantlardan birini tanlang.
error-pinfl-empty = JShShIRni kiriting.
error-pinfl-not-digits = JShShIR faqat raqamlardan iborat.
error-pinfl-length = JShShIR aynan 14 ta raqamdan iborat.
error-pinfl-century = JShShIRning birinchi raqami 1 dan 6 gacha boʻladi.
error-pinfl-birth-date = 2-raqamdan 7-raqamgacha tugʻilgan sanangiz boʻlishi kerak (KKOOYY).
error-pinfl-check-digit = JShShIRda xato bor: har bir raqamni tekshiring.
error-passport-empty = Pasport yoki ID-karta raqamini kiriting.
error-passport-length = Ikki harf va yetti raqam, masalan, AA1234567.
error-passport-series = Raqam ikkita lotin harfi bilan boshlanadi.
error-passport-number = Ikki harfdan keyin yetti raqam keladi.
error-phone-empty = Telefon raqamingizni kiriting.
error-phone-invalid-character = Telefon raqamida faqat raqamlar boʻladi.
error-phone-country-code = Faqat Oʻzbekiston raqamlari (+998) qabul qilinadi.
error-phone-length = Oʻzbekiston raqamida +998 dan keyin 9 ta raqam boʻladi.
error-receipt-code-empty = Kvitansiyadagi kodni kiriting.
error-receipt-code-invalid-character = Kodda kvitansiyalarda ishlatilmaydigan belgi bor.
error-receipt-code-length = Kvitansiya kodi 10 ta belgidan iborat.
error-receipt-code-check-character = Kodda xato bor: har bir belgini tekshiring.
error-receipt-code-device-out-of-range = Bu kvitansiya kodi emas.
error-receipt-code-sequence-out-of-range = Bu kvitansiya kodi emas.
error-receipt-qr-shape = Bu QR kod kvitansiyaniki emas.
error-receipt-qr-receipt-code = QR koddagi kvitansiya kodi yaroqsiz.

submit-failed = Arizangizni ushbu terminalda saqlab boʻlmadi. Hech narsa yuborilmadi. Iltimos, qayta urinib koʻring yoki mahalla xodimiga murojaat qiling.
portal-status-in-review = Koʻrib chiqilmoqda
portal-status-needs-information = Qoʻshimcha maʼlumot kerak
portal-status-approved = Maʼqullandi
portal-status-rejected = Rad etildi
portal-status-completed = Bajarildi
printer-paper-low = Printerda qogʻoz tugab qolmoqda: iltimos, mahalla xodimiga ayting.

## Staff sign-in and menu
emblem = Mahalla gerbi
pin-title = Xodimlar uchun kirish
pin-hint = PIN-kodni kiriting
pin-label = PIN-kod
pin-ok = OK
pin-clear = Tozalash
pin-wrong = { $count ->
   *[other] PIN-kod notoʻgʻri. Bloklanishgacha yana { $count } ta urinish qoldi.
}
pin-locked = Notoʻgʻri PIN-kod juda koʻp kiritildi. { $minutes } daqiqa { $seconds } soniyadan keyin qayta urinib koʻring.
staff-badge = Xodim
staff-badge-assisted = Xodim yordamida
staff-menu-title = Xodim menyusi
staff-assisted = Xodim yordamida ariza
staff-assisted-hint = Fuqaro bilan birga shaklni toʻldirish
staff-queue = Mahalliy navbat
staff-queue-hint = Kodlar, xizmatlar, vaqt va holat
staff-queue-empty = Bu terminalda hali hech narsa yuborilmagan.
staff-sync = Sinxronlash
staff-sync-hint = Hozir yuborish, oxirgi natija
staff-sync-now = Hozir sinxronlash
staff-sync-last = Oxirgi muvaffaqiyatli sinxronlash: { $time }
staff-sync-never = Hali muvaffaqiyatli sinxronlash boʻlmagan
staff-sync-error = Oxirgi xato ({ $time }): { $error }
staff-sync-problem-offline = Portal bilan bogʻlanib boʻlmayapti. Arizalar terminalda kutadi va tarmoq tiklanishi bilan joʻnatiladi.
staff-sync-problem-portal-busy = Portal band yoki unda nosozlik boʻldi. Terminal oʻzi qayta urinadi.
staff-sync-problem-certificate = Portal sertifikatiga ishonib boʻlmaydi. Terminalning sana va vaqtini tekshiring, soʻng texnikni chaqiring. Arizalar terminalda kutadi.
staff-sync-problem-portal-keys = Javob bu terminalning portalidan kelmadi, shuning uchun hech narsa joʻnatilmaydi. Texnikni chaqiring. Arizalar terminalda kutadi.
staff-sync-problem-device-key = Terminal kaliti yoʻq yoki boshqa terminalniki, shuning uchun hech narsa joʻnatilmaydi. Uni zaxira nusxadan tiklash uchun texnikni chaqiring. Arizalar terminalda kutadi.
staff-sync-problem-refused = Portal terminal soʻrovini rad etdi. Texnikni chaqiring. Arizalar terminalda kutadi.
staff-sync-problem-settings = Terminaldagi portal sozlamalari notoʻgʻri. Texnikni chaqiring. Arizalar terminalda kutadi.
staff-sync-problem-records = Terminal yozuvlarini oʻqib yoki yozib boʻlmadi. Topshirilgan arizalar saqlangan; bu takrorlansa, texnikni chaqiring.
staff-sync-problem-other = Joʻnatib boʻlmadi. Arizalar saqlangan, terminal yana urinadi.
staff-sync-waiting = { $count ->
   *[other] Yana { $count } ta ariza yuborilishi kerak
}
staff-printer = Printer
staff-printer-hint = Kvitansiyani qayta chop etish, qogʻoz
staff-printer-ready = Printer tayyor.
staff-paper-low = Qogʻoz deyarli tugadi: tez orada yangi rulon qoʻying.
staff-reprint-label = Qayta chop etiladigan kvitansiya kodi
staff-reprint = Qayta chop etish
staff-reprint-queued = { $code } kvitansiyasi qayta chop etiladi.
staff-counts = Hisobot
staff-counts-hint = Bugun va shu hafta, xizmatlar boʻyicha
staff-counts-today = Bugun
staff-counts-week = Shu hafta
staff-counts-none = Arizalar yoʻq.
staff-counts-assisted = { $count ->
   *[other] { $count } tasi xodim yordamida
}
staff-sign-out = Chiqish
review-identity-checked = Fuqaroning shaxsini tasdiqlovchi hujjatni tekshirdim.
error-pin-length = PIN-kod 4–8 ta raqamdan iborat.
error-pin-digits = PIN-kodda faqat raqamlar boʻladi.
error-pin-too-simple = Bir xil raqamlardan yoki 1234 kabi ketma-ket raqamlardan iborat boʻlmagan PIN-kod tanlang.
error-pin-mismatch = Ikki PIN-kod bir xil emas.
error-pin-taken = Bu PIN-kod boshqa xodimda bor.
error-staff-name = Xodimning ismini kiriting.
error-staff-name-taken = Bu ismli xodim allaqachon bor.

## First-boot wizard
wizard-step = { $count }-qadam (7 tadan)
wizard-language-title = Til
wizard-network-title = Tarmoqni tekshirish
wizard-portal-title = Portal manzili
wizard-code-title = Roʻyxatdan oʻtish kodi
wizard-confirm-title = Mahallani tasdiqlang
wizard-printer-title = Kvitansiya printeri
wizard-staff-title = Birinchi xodim PIN-kodi
wizard-next = Keyingi
wizard-finish = Tayyor
wizard-busy = Kuting…
wizard-check-again = Qayta tekshirish
wizard-check-dns = Nomni aniqlash (DNS)
wizard-check-portal = Portal
wizard-check-portal-version = Portal javob bermoqda ({ $version } versiya).
wizard-check-no-portal = Portal manzili hali kiritilmagan: keyingi qadamda kiriting.
wizard-check-clock = Soat
wizard-check-clock-offset = Terminal soati portal soatidan { $seconds } soniya farq qiladi; terminal buni hisobga oladi.
wizard-check-clock-unknown = Portal javob berganda maʼlum boʻladi.
wizard-portal-hint = Idora bergan markaziy portal manzilini kiriting yoki roʻyxatdan oʻtish varagʻidagi QR kodni skanerlang: u manzil va kodni oʻzi kiritadi.
wizard-portal-label = Portal manzili
wizard-code-hint = Roʻyxatdan oʻtish varagʻidagi bir martalik kodni kiriting yoki varaqdagi QR kodni skanerlang: u kodni ham, kalitlar izini ham toʻldiradi.
wizard-code-label = Roʻyxatdan oʻtish kodi
wizard-confirm-question = Bu kod terminalni quyidagi mahallaga roʻyxatdan oʻtkazadi:
wizard-confirm-yes = Ha, shu mahalla
wizard-confirm-no = Yoʻq, boshqa kod
wizard-printer-search = Qayta qidirish
wizard-printer-test = Sinov chop etish
wizard-printer-test-sent = Sinov sahifasi yuborildi. Chop etilganini tekshiring.
wizard-printer-found = { $model } { $baud } bod tezlikda javob bermoqda
wizard-printer-silent = Bu yerda hech narsa javob bermaydi.
wizard-printer-none = Printer topilmadi. Kabel va quvvatni tekshirib, qayta qidiring.
wizard-printer-profile = Profil: { $profile }
wizard-printer-skip = Printersiz davom etish
wizard-staff-hint = Birinchi mahalla xodimi: ism va 4–8 raqamli PIN-kod.
wizard-staff-name = Ism
wizard-staff-pin = PIN-kod
wizard-staff-pin-again = PIN-kod yana bir bor
wizard-error-url = https:// bilan boshlanadigan manzil kiriting
wizard-error-unreachable = Portalga ulanib boʻlmadi. Tarmoq va manzilni tekshiring.
wizard-error-portal = Portal kutilmagan javob berdi. Qayta urinib koʻring.
wizard-error-code-empty = Roʻyxatdan oʻtish kodini kiriting yoki skanerlang.
wizard-error-code-invalid = Portal bu kodni bilmaydi. Tekshirib, qayta kiriting.
wizard-error-code-used = Bu kod allaqachon ishlatilgan. Portaldan yangisini soʻrang.
wizard-error-code-expired = Bu kodning muddati tugagan. Portaldan yangisini soʻrang.
wizard-error-already-enrolled = Bu terminal allaqachon roʻyxatdan oʻtgan.

date-day = Kun
date-month = Oy
date-year = Yil
date-clear = Tozalash
month-1 = Yanvar
month-2 = Fevral
month-3 = Mart
month-4 = Aprel
month-5 = May
month-6 = Iyun
month-7 = Iyul
month-8 = Avgust
month-9 = Sentabr
month-10 = Oktabr
month-11 = Noyabr
month-12 = Dekabr

net-demo = Demo terminal: hali portalga ulanmagan. Arizalar shu terminalda saqlanadi.
review-title-assisted = Fuqaroning arizasini tekshiring
review-show-assisted = Fuqaroning maʼlumotlarini koʻrsatish
review-hide-assisted = Fuqaroning maʼlumotlarini yashirish
review-consent-assisted = Fuqaro shaxsiy maʼlumotlari ushbu arizani koʻrib chiqish uchun ishlanishiga rozi (xodim tasdiqlaydi).
review-consent-needed-assisted = Arizani yuborish uchun yuqorida fuqaroning roziligini belgilang.

wizard-check-device = Qurilma identifikatori
wizard-check-link = Tarmoq
wizard-check-no-interface = Tarmoq interfeysi topilmadi: kabel yoki Wi-Fi adapterini tekshiring.
wizard-link-up = ulangan
wizard-link-down = oʻchirilgan
wizard-link-no-cable = kabel yoʻq
wizard-link-no-address = IP manzil yoʻq

services-search = Xizmatni qidirish
services-none-found = Xizmat topilmadi. Boshqa soʻz bilan urinib koʻring yoki mahalla xodimidan soʻrang.
list-more = Pastda yana bor: yuqoriga suring

wizard-check-ok = Oʻtdi
wizard-check-failed = Oʻtmadi

error-text-control-character = Matndagi maxsus belgilarni olib tashlang.
error-text-direction-control = Matnda oʻqish yoʻnalishini oʻzgartiruvchi belgilar bor. Iltimos, uni qayta yozing.

wizard-fingerprint-label = Portal kalitlari izi (ixtiyoriy)
wizard-fingerprint-hint = U roʻyxatdan oʻtish varagʻida QR kod ostida bosilgan. U bilan terminal oʻrtadagi begona bilan emas, aynan sizning portalingiz bilan roʻyxatdan oʻtishini tekshiradi. Boʻsh qoldirilsa, kim javob berayotgani tekshirilmaydi.
wizard-keys-matched = Portal kalitlari varaqdagiga mos keladi
wizard-keys-matched-detail = Kalitlar izi { $keys }
wizard-keys-unchecked = Portal kalitlari tekshirilmadi
wizard-keys-unchecked-detail = Kalitlar izi kiritilmadi. Portalniki — { $keys }: davom etishdan oldin uni varaqdagi bilan solishtiring.
wizard-keys-unknown-detail = Bu portal oʻz kalitlarini koʻrsatmaydi. Faqat ishonchli tarmoqda roʻyxatdan oʻting.
wizard-error-keys-mismatch = Portal kalitlari roʻyxatdan oʻtish varagʻidagiga mos kelmaydi. Bu tarmoqda kimdir portal oʻrniga javob berayotgan boʻlishi mumkin. Hech narsa saqlanmadi: kalitlar izini tekshiring yoki boshqa tarmoqda roʻyxatdan oʻting va portal maʼmuriga xabar bering.
wizard-error-fingerprint = Kalitlar izi 16 ta harf va raqamdan iborat, masalan 8F3K-T2QX-MW7D-R4NA. Uni tekshiring yoki boʻsh qoldiring.
wizard-error-plain-http = Terminal portal bilan faqat https:// orqali bogʻlanadi. Manzilni https:// bilan kiriting.
wizard-error-certificate = Portal sertifikatiga ishonib boʻlmaydi: muddati oʻtgan, boshqa manzil uchun berilgan yoki nomaʼlum tashkilotdan. Manzilni hamda terminalning sanasi va vaqtini tekshiring.
wizard-progress-not-saved = Bu qadamni terminalga yozib boʻlmadi, shuning uchun qayta ishga tushgandan keyin sozlash boshidan boshlanadi. Davom etaverishingiz mumkin; bu takrorlansa, terminal diskini tekshiring.

staff-records-failed = Terminal yozuvlarini hozir oʻqib boʻlmayapti. Aholi topshirgan arizalar saqlangan; qayta urinib koʻring, muammo qolsa, texnikni chaqiring.

staff-save-failed = Buni terminalda saqlab boʻlmadi. Hech narsa oʻzgarmadi; qayta urinib koʻring, muammo qolsa, texnikni chaqiring.

## Software updates (staff menu; the version also on the start screen)
app-version = Versiya
staff-update-install = Hozir yangilash
staff-update-downloading = { $version } yangilanishi portaldan yuklanmoqda: { $percent } %.
staff-update-ready-usb = USB xotiradagi { $version } yangilanishi tekshirildi va oʻrnatishga tayyor.
staff-update-ready-portal = Portaldan { $version } yangilanishi yuklandi va tekshirildi. U soat { $hour }:00 da oʻzi oʻrnatiladi yoki hozir oʻrnating.
staff-update-installing = { $version } oʻrnatilmoqda. Terminal bir necha daqiqada oʻzi qayta ishga tushadi. Uni oʻchirmang. Arizalar saqlanadi.
staff-update-installed = { $version } oʻrnatildi.
staff-update-refused = Yangilanish oʻrnatilmadi: { $reason } Terminal avvalgi versiyada ishlashda davom etadi.
staff-update-rolled-back = { $version } ishga tushmadi, shuning uchun terminal oʻzi avvalgi versiyaga qaytdi. Arizalar saqlangan. Texnikka xabar bering.
update-unsigned = yangilanish imzolanmagan.
update-bad-signature = yangilanish imzosi loyiha kalitiga mos emas.
update-malformed = yangilanish tavsifi buzilgan.
update-wrong-device = yangilanish boshqa turdagi qurilma uchun.
update-truncated = yangilanish fayllari toʻliq emas (USB xotirani qayta yozib koʻring).
update-corrupt = yangilanish fayli buzilgan.
update-downgrade = bu versiya ishlayotganidan eskiroq.
update-installed = bu versiya allaqachon ishlayapti.
update-rolled-back = bu versiya avval ishga tushmagan edi.
update-disk = terminal xotirasiga yozib boʻlmadi.
update-key = terminalda yangilanish kaliti yoʻq.
update-slot = tizim boʻlimiga yozib boʻlmadi.
update-request = oʻrnatish soʻrovini oʻqib boʻlmadi.
update-version = versiya raqami notoʻgʻri.
