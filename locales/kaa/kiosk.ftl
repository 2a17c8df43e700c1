app-title = Máhálle xızmetleri terminalı
nav-back = Artqa
nav-home = Bas bet
net-online = Baylanıs bar
net-offline = Baylanıs joq
net-calm = Arzalar usı terminalda qáwipsiz saqlanadı hám avtomatikalıq túrde jiberiledi.
net-waiting = { $count ->
   *[other] { $count } arza jiberiliwin kútip tur
}

start-welcome = Xosh keldińiz!
start-choose-language = Tildi tańlań
start-begin = Baslaw
a11y-large-text = Úlkenirek jazıw
a11y-normal-text = Ádettegi jazıw
a11y-high-contrast = Joqarı kontrast
a11y-normal-contrast = Ádettegi reńler

home-title = Sizge qalay járdem bere alamız?
home-services = Mámleketlik xızmetler
home-services-hint = Maǵlıwmat, arzalar hám maǵlıwmatnamalar
home-appeals = Múrájatlar
home-appeals-hint = Arza, usınıs yamasa shaǵım jiberiń
home-check = Arzamdı tekseriw
home-check-hint = Túbirtektegi kodtı kiritiń yamasa skanerleń

services-title = Mámleketlik xızmetler
appeals-title = Múrájatlar
appeals-intro = Múrájatıńız dárriw dizimge alınadı hám máhállege yamasa hákimlikke jiberiledi. Onı baqlap barıw ushın túbirtekti saqlap qoyıń.

kind-informational = Tek maǵlıwmat
kind-interactive = Arza usı jerde beriledi, nátiyje mákemeden alınadı
kind-transactional = Tolıq onlayn
card-agency = Juwapker mákeme
card-term = Múddeti
card-where = Qayaqqa barıw kerek
card-hours = Jumıs waqtı
card-fee = Tólem
card-documents = Kerekli hújjetler
card-next-steps = Keyin ne boladı
card-apply = Arza beriw
card-informational = Bul xızmet ushın bul jerde arza beriw shárt emes: hújjetlerińiz benen joqarıdaǵı mánzilge barıń.
fee-free = Biypul
fee-at-office = Mákemede: { $amount } swm
fee-via-portal = Portal arqalı: { $amount } swm (10 % arzanıraq)
fee-disability = Mayıplıǵı bolǵan shaxslar ushın portal arqalı: { $amount } swm
term-same-day = Sol kúniniń ózinde
term-days = { $count ->
   *[other] { $count } jumıs kúni
}

form-next = Dawam etiw
form-has-errors = Iltimas, qızıl reń menen belgilengen maydanlardı dúzetiń.
hint-pinfl = JShShIR (PINFL) — ID-kartańızdaǵı 14 xanalı san
hint-passport = Mısalı, AA1234567
hint-phone = +998 90 123 45 67
hint-date = Sánesin tańlaw ushın basıń
review-empty = —

kb-letters = ABC
kb-space = Bos orın
kb-backspace = Óshiriw
# same word as uz-Latn
kb-enter = Keyingi

review-title = Arzańızdı tekseriń
review-show = Maǵlıwmatlarımdı kórsetiw
review-hide = Maǵlıwmatlarımdı jasırıw
review-consent = Usı arzanı kórip shıǵıw ushın jeke maǵlıwmatlarımdı qayta islewge razıman.
review-consent-needed = Arzanı jiberiw ushın joqarıdaǵı kletkaǵa belgi qoyıń.
review-consent-given = Awa
review-consent-not-given = Yaq
review-edit = Ózgertiw
review-submit = Jiberiw

submitting-title = Arzańız saqlanıp atır…
submitting-hint = Bul biraz waqıt aladı. Iltimas, kútiń.

receipt-title = Arzańız dizimge alındı
receipt-code-label = Túbirtek kodıńız
receipt-printing = Túbirtek basıp shıǵarılmaqta…
receipt-printed = Basıp shıǵarılǵan túbirtekti alıń.
receipt-print-failed = Túbirtekti basıp shıǵarıw múmkin bolmadı.
receipt-print-failed-next = Iltimas, kodtı jazıp alıń. Arzańız saqlandı; máhálle xızmetkerleri túbirtekti qaytadan basıp shıǵarıp beredi.
receipt-offline = Terminalda baylanıs joq: arzańız usı jerde saqlandı hám baylanıs tikleniwi menen jiberiledi.
receipt-next-steps = Keyin ne boladı
receipt-check-later = Jaǵdayın qálegen máhálle terminalında usı kod penen yamasa túbirtektegi QR-kodtı telefonıńız benen skanerlep tekseriwińiz múmkin.
receipt-check-later-demo = Bul terminal ele portalǵa qosılmaǵan: jaǵdaydı tek usı jerde, usı kod penen tekseriwge boladı.
receipt-done = Tayın

printer-paper-end = Printerde qaǵaz tawsıldı.
printer-cover-open = Printerdiń qaqpaǵı ashıq.
printer-offline = Printer juwap bermey atır.
printer-error = Printerde nasazlıq júz berdi.
printer-timeout = Printer óz waqtında juwap bermedi. Printer qosılǵanın hám kabeli jalǵanǵanın tekseriń.
printer-port-open = Printer portın ashıw múmkin bolmadı. Kabeldi tekseriń yamasa basqa porttı tańlań.
printer-bad-reply = Printer kútilmegen juwap berdi. Printer modelin hám tezligin tekseriń.
printer-port = Printer menen baylanıs úzildi. Kabeldi tekseriń.
printer-unsupported-baud = Bul port tańlanǵan tezlikti qollamaydı. Basqa tezlikti tańlań.
printer-printout = Betti bul printer ushın tayarlaw múmkin bolmadı. Texnik xızmetkerge xabar beriń.

status-code-label = Túbirtek kodı
status-code-hint = Mısalı, 000-100-001B
status-find = Izlew
status-intro = Túbirtektegi kodtı tómendegi klaviaturada kiritiń yamasa túbirtektegi QR-kodtı skanerge tutıń.
status-created = Jiberilgen sánesi: { $date }
status-not-found = Bunday kodlı arza házirshe tabılmadı. Túbirtektegi kodtı tekseriń: arza ol berilgen terminal baylanısqa shıǵıwı menen portalǵa jetip baradı.
status-not-found-offline = Bul kod usı terminalda joq, al portal menen házir baylanıs joq. Iltimas, keyinirek qaytadan urınıp kóriń.
status-not-found-here = Bul terminalda bunday kodlı arza joq. Terminal ele portalǵa qosılmaǵan, sonlıqtan basqa jerden izley almaydı.
status-checking = Portaldan soralmaqta…
status-only-here-since = Portal menen házir baylanıs joq, sonlıqtan tek usı terminaldaǵı maǵlıwmat kórsetilmekte. Portal menen sońǵı baylanıs: { $date }.
status-only-here = Portal menen házir baylanıs joq, sonlıqtan tek usı terminaldaǵı maǵlıwmat kórsetilmekte.
status-not-enrolled = Bul terminal ele portalǵa qosılmaǵan, sonlıqtan tek onıń óz maǵlıwmatları kórsetilmekte.
status-not-yet-at-portal = Bul arza ele portalǵa jetip barmaǵan. Terminal onı baylanıs tikleniwi menen jiberedi.
status-answer-withheld = Mákeme juwap berdi. Juwaptı kóriw ushın túbirtektegi QR-kodtı skanerge tutıń yamasa arzada kórsetken JShShIR-ıńızdı kiritiń.
status-answer-withheld-qr = Mákemeniń juwabın kóriw ushın túbirtektegi QR-kodtı skanerge tutıń.
status-pinfl-label = JShShIR (14 san)
status-show-answer = Juwaptı kórsetiw
status-print = Basıp shıǵarıw
status-printing = Basıp shıǵarılmaqta…
status-printed = Basıp shıǵarılǵan paraqtı alıń.
status-pinfl-mismatch = Bul JShShIR arzada kórsetilgenine sáykes kelmedi, sonlıqtan juwap kórsetilmeydi.
status-too-many-tries = Bul túbirtek ushın qáte JShShIR júdá kóp márte kiritildi. Erteń qaytadan urınıp kóriń yamasa túbirtektegi QR-kodtı skanerge tutıń.
status-pinfl-not-checked = JShShIR-dı tekseriw ushın portal menen házir baylanıs joq. Keyinirek urınıp kóriń yamasa túbirtektegi QR-kodtı skanerge tutıń.
status-next-queued = Arzańız usı terminalda saqlanǵan hám baylanıs tikleniwi menen portalǵa jiberiledi.
status-next-sending = Arzańız házir portalǵa jiberilmekte.
status-next-delivered = Arzańız portalda; mákeme onı kórip shıǵadı.
status-next-quarantined = Iltimas, máhálle xızmetkerlerine múrájat etiń: olar portal onı ne ushın qabıl etpegenin kóre aladı.
status-next-received = Mákeme arzańızdı qabıl etti hám kórip shıǵadı. Házirshe sizden hesh nárse talap etilmeydi.
status-next-in-review = Mákeme arzańızdı kórip shıǵıp atır. Házirshe sizden hesh nárse talap etilmeydi.
status-next-needs-information = Mákemege sizden qosımsha maǵlıwmat kerek: onıń juwabın oqıń hám soralǵan nárselerdi máhálle keńsesine alıp keliń.
status-next-approved = Arzańız maqullandı. Mákemeniń juwabında aytılǵanlardı orınlań.
status-next-rejected = Arzańız biykarlandı; sebebi mákemeniń juwabında. Máhálle xızmetkerleri ne islew múmkin ekenin túsindirip beredi.
status-next-completed = Arzańız boyınsha jumıs tamamlandı.
state-queued = Terminalda saqlandı, jiberiliwi kútilmekte
state-sending = Portalǵa jiberilmekte
state-delivered = Portalǵa jetkerildi
state-quarantined = Portal onı qabıl ete almadı; máhálle xızmetkerleri sizge járdem beredi

idle-title = Siz ele usı jerdesiz be?
idle-countdown = { $count ->
   *[other] Kiritken barlıq maǵlıwmatlarıńız { $count } sekundtan keyin óshiriledi.
}
idle-continue = Awa, dawam etiw

error-field-required = Iltimas, bul maydandı toltırıń.
error-field-too-short = Júdá qısqa: keminde { $min } belgi bolıwı kerek.
error-field-too-long = Júdá uzın: kóbi menen { $max } belgi bolıwı múmkin.
error-field-unknown = Bul maydan arza formasına tiyisli emes.
error-date-format = Sáneni KK.AA.JJJJ túrinde kiritiń.
error-date-in-future = Sáne keleshekte bolıwı múmkin emes.
error-date-in-past = Sáne ótken waqıtta bolıwı múmkin emes.
error-choice-not-an-option = Variantlardıń birin tańlań.
error-pinfl-empty = JShShIR-dı kiritiń.
error-pinfl-not-digits = JShShIR tek sanlardan ibarat.
error-pinfl-length = JShShIR dál 14 sannan ibarat.
error-pinfl-century = JShShIR-dıń birinshi sanı 1 den 6 ǵa shekem boladı.
error-pinfl-birth-date = 2-sannan 7-sanǵa shekem tuwılǵan sáneńiz bolıwı kerek (KKAAJJ).
error-pinfl-check-digit = JShShIR-da qáte bar: hár bir sandı tekseriń.
error-passport-empty = Pasport yamasa ID-karta nomerin kiritiń.
error-passport-length = Eki hárip hám jeti san, mısalı, AA1234567.
error-passport-series = Nomer eki latın háribi menen baslanadı.
error-passport-number = Eki háripten keyin jeti san keledi.
error-phone-empty = Telefon nomerińizdi kiritiń.
error-phone-invalid-character = Telefon nomerinde tek sanlar boladı.
error-phone-country-code = Tek Ózbekstan nomerleri (+998) qabıl etiledi.
error-phone-length = Ózbekstan nomerinde +998 den keyin 9 san boladı.
error-receipt-code-empty = Túbirtektegi kodtı kiritiń.
error-receipt-code-invalid-character = Kodta túbirteklerde qollanılmaytuǵın belgi bar.
error-receipt-code-length = Túbirtek kodı 10 belgiden ibarat.
error-receipt-code-check-character = Kodta qáte bar: hár bir belgini tekseriń.
error-receipt-code-device-out-of-range = Bul túbirtek kodı emes.
error-receipt-code-sequence-out-of-range = Bul túbirtek kodı emes.
error-receipt-qr-shape = Bul QR-kod túbirtektiki emes.
error-receipt-qr-receipt-code = QR-kodtaǵı túbirtek kodı jaramsız.

submit-failed = Arzańızdı usı terminalda saqlaw múmkin bolmadı. Hesh nárse jiberilmedi. Iltimas, qaytadan urınıp kóriń yamasa máhálle xızmetkerine múrájat etiń.
portal-status-in-review = Kórip shıǵılmaqta
portal-status-needs-information = Qosımsha maǵlıwmat kerek
portal-status-approved = Maqullandı
portal-status-rejected = Biykarlandı
portal-status-completed = Orınlandı
printer-paper-low = Printerde qaǵaz tawsılıp baratır: iltimas, máhálle xızmetkerine aytıń.

## Staff sign-in and menu
emblem = Máhálle gerbi
pin-title = Xızmetkerler ushın kiriw
pin-hint = PIN-kodtı kiritiń
# same word as uz-Latn
pin-label = PIN-kod
# same word as uz-Latn
pin-ok = OK
pin-clear = Tazalaw
pin-wrong = { $count ->
   *[other] PIN-kod qáte. Bloklanıwǵa shekem jáne { $count } urınıw qaldı.
}
pin-locked = Qáte PIN-kod júdá kóp márte kiritildi. { $minutes } minut { $seconds } sekundtan keyin qaytadan urınıp kóriń.
staff-badge = Xızmetker
staff-badge-assisted = Xızmetker járdeminde
staff-menu-title = Xızmetker menyusı
staff-assisted = Xızmetker járdeminde arza
staff-assisted-hint = Puqara menen birge formanı toltırıw
staff-queue = Jergilikli gezek
staff-queue-hint = Kodlar, xızmetler, waqıt hám jaǵday
staff-queue-empty = Bul terminalda ele hesh nárse jiberilmegen.
staff-sync = Sinxronlaw
staff-sync-hint = Házir jiberiw, sońǵı nátiyje
staff-sync-now = Házir sinxronlaw
staff-sync-last = Sońǵı tabıslı sinxronlaw: { $time }
staff-sync-never = Ele tabıslı sinxronlaw bolmaǵan
staff-sync-error = Sońǵı qáte ({ $time }): { $error }
staff-sync-problem-offline = Portal menen baylanısıw múmkin emes. Arzalar terminalda kútedi hám tarmaq tiklengen zamatı jiberiledi.
staff-sync-problem-portal-busy = Portal bánt yamasa onda nasazlıq boldı. Terminal ózi qaytadan urınadı.
staff-sync-problem-certificate = Portal sertifikatına isenip bolmaydı. Terminaldıń sánesi menen waqtın tekseriń, soń texnikti shaqırıń. Arzalar terminalda kútedi.
staff-sync-problem-portal-keys = Juwap bul terminaldıń portalınan kelmedi, sonıń ushın hesh nárse jiberilmeydi. Texnikti shaqırıń. Arzalar terminalda kútedi.
staff-sync-problem-device-key = Terminal gilti joq yamasa basqa terminaldiki, sonıń ushın hesh nárse jiberilmeydi. Onı rezerv nusqadan tiklew ushın texnikti shaqırıń. Arzalar terminalda kútedi.
staff-sync-problem-refused = Portal terminaldıń sorawın biykarladı. Texnikti shaqırıń. Arzalar terminalda kútedi.
staff-sync-problem-settings = Terminaldaǵı portal sazlawları nadurıs. Texnikti shaqırıń. Arzalar terminalda kútedi.
staff-sync-problem-records = Terminal jazıwların oqıw yamasa jazıw múmkin bolmadı. Tapsırılǵan arzalar saqlanǵan; bul qaytalansa, texnikti shaqırıń.
staff-sync-problem-other = Jiberiw múmkin bolmadı. Arzalar saqlanǵan, terminal jáne urınadı.
staff-sync-waiting = { $count ->
   *[other] Jáne { $count } arza jiberiliwi kerek
}
# same word as uz-Latn
staff-printer = Printer
staff-printer-hint = Túbirtekti qaytadan basıp shıǵarıw, qaǵaz
staff-printer-ready = Printer tayın.
staff-paper-low = Qaǵaz derlik tawsıldı: jaqın arada jańa rulon qoyıń.
staff-reprint-label = Qaytadan basıp shıǵarılatuǵın túbirtek kodı
staff-reprint = Qaytadan basıp shıǵarıw
staff-reprint-queued = { $code } túbirtegi qaytadan basıp shıǵarıladı.
staff-counts = Esabat
staff-counts-hint = Búgin hám usı hápte, xızmetler boyınsha
staff-counts-today = Búgin
staff-counts-week = Usı hápte
staff-counts-none = Arzalar joq.
staff-counts-assisted = { $count ->
   *[other] { $count } arza xızmetker járdeminde berilgen
}
staff-sign-out = Shıǵıw
review-identity-checked = Puqaranıń shaxsın tastıyıqlaytuǵın hújjetti tekserdim.
error-pin-length = PIN-kod 4–8 sannan ibarat.
error-pin-digits = PIN-kodta tek sanlar boladı.
error-pin-too-simple = Birdey sanlardan yamasa 1234 sıyaqlı izbe-iz sanlardan ibarat bolmaǵan PIN-kod tańlań.
error-pin-mismatch = Eki PIN-kod birdey emes.
error-pin-taken = Bul PIN-kod basqa xızmetkerde bar.
error-staff-name = Xızmetkerdiń atın kiritiń.
error-staff-name-taken = Bunday atlı xızmetker áldeqashan bar.

## First-boot wizard
wizard-step = { $count }-qádem (7 qádemnen)
# same word as uz-Latn
wizard-language-title = Til
wizard-network-title = Tarmaqtı tekseriw
wizard-portal-title = Portal mánzili
wizard-code-title = Dizimnen ótiw kodı
wizard-confirm-title = Máhálleni tastıyıqlań
wizard-printer-title = Túbirtek printeri
wizard-staff-title = Birinshi xızmetkerdiń PIN-kodı
# same word as uz-Latn
wizard-next = Keyingi
wizard-finish = Tamamlaw
wizard-busy = Kútiń…
wizard-check-again = Qaytadan tekseriw
wizard-check-dns = Attı anıqlaw (DNS)
# same word as uz-Latn
wizard-check-portal = Portal
wizard-check-portal-version = Portal juwap bermekte ({ $version } versiya).
wizard-check-no-portal = Portal mánzili ele kiritilmegen: keyingi qádemde kiritiń.
wizard-check-clock = Saat
wizard-check-clock-offset = Terminal saatı portal saatınan { $seconds } sekund parq qıladı; terminal bunı esapqa aladı.
wizard-check-clock-unknown = Portal juwap bergende belgili boladı.
wizard-portal-hint = Mákeme bergen oraylıq portal mánzilin kiritiń yamasa dizimnen ótiw paraǵındaǵı QR-kodtı skanerleń: ol mánzil menen kodtı ózi kiritedi.
wizard-portal-label = Portal mánzili
wizard-code-hint = Dizimnen ótiw paraǵındaǵı bir retlik kodtı kiritiń yamasa paraqtaǵı QR-kodtı skanerleń: ol kodtı da, giltler izin de toltıradı.
wizard-code-label = Dizimnen ótiw kodı
wizard-confirm-question = Bul kod terminaldı tómendegi máhállege dizimnen ótkeredi:
wizard-confirm-yes = Awa, usı máhálle
wizard-confirm-no = Yaq, basqa kod
wizard-printer-search = Qaytadan izlew
wizard-printer-test = Sınaq ushın basıp shıǵarıw
wizard-printer-test-sent = Sınaq beti jiberildi. Basıp shıǵarılǵanın tekseriń.
wizard-printer-found = { $model } { $baud } bod tezlikte juwap bermekte
wizard-printer-silent = Bul jerde hesh nárse juwap bermeydi.
wizard-printer-none = Printer tabılmadı. Kabeldi hám quwattı tekserip, qaytadan izleń.
# same word as uz-Latn
wizard-printer-profile = Profil: { $profile }
wizard-printer-skip = Printersiz dawam etiw
wizard-staff-hint = Birinshi máhálle xızmetkeri: atı hám 4–8 sanlı PIN-kod.
wizard-staff-name = Atı
# same word as uz-Latn
wizard-staff-pin = PIN-kod
wizard-staff-pin-again = PIN-kod jáne bir ret
wizard-error-url = https:// menen baslanatuǵın mánzil kiritiń
wizard-error-unreachable = Portalǵa qosılıw múmkin bolmadı. Tarmaqtı hám mánzildi tekseriń.
wizard-error-portal = Portal kútilmegen juwap berdi. Qaytadan urınıp kóriń.
wizard-error-code-empty = Dizimnen ótiw kodın kiritiń yamasa skanerleń.
wizard-error-code-invalid = Portal bul kodtı bilmeydi. Tekserip, qaytadan kiritiń.
wizard-error-code-used = Bul kod áldeqashan paydalanılǵan. Portaldan jańasın sorań.
wizard-error-code-expired = Bul kodtıń múddeti ótken. Portaldan jańasın sorań.
wizard-error-already-enrolled = Bul terminal áldeqashan dizimnen ótken.

date-day = Kún
date-month = Ay
date-year = Jıl
date-clear = Tazalaw
# same word as uz-Latn
month-1 = Yanvar
# same word as uz-Latn
month-2 = Fevral
# same word as uz-Latn
month-3 = Mart
# same word as uz-Latn
month-4 = Aprel
# same word as uz-Latn
month-5 = May
# same word as uz-Latn
month-6 = Iyun
# same word as uz-Latn
month-7 = Iyul
# same word as uz-Latn
month-8 = Avgust
month-9 = Sentyabr
month-10 = Oktyabr
# same word as uz-Latn
month-11 = Noyabr
# same word as uz-Latn
month-12 = Dekabr

net-demo = Demo terminal: ele portalǵa qosılmaǵan. Arzalar usı terminalda saqlanadı.
review-title-assisted = Puqaranıń arzasın tekseriń
review-show-assisted = Puqaranıń maǵlıwmatların kórsetiw
review-hide-assisted = Puqaranıń maǵlıwmatların jasırıw
review-consent-assisted = Puqara jeke maǵlıwmatlarınıń usı arzanı kórip shıǵıw ushın qayta islewine razı (xızmetker tastıyıqlaydı).
review-consent-needed-assisted = Arzanı jiberiw ushın joqarıda puqaranıń razılıǵın belgileń.

wizard-check-device = Qurılma identifikatorı
wizard-check-link = Tarmaq
wizard-check-no-interface = Tarmaq interfeysi tabılmadı: kabeldi yamasa Wi-Fi adapterin tekseriń.
wizard-link-up = qosılǵan
wizard-link-down = óshirilgen
wizard-link-no-cable = kabel joq
wizard-link-no-address = IP mánzil joq

services-search = Xızmetti izlew
services-none-found = Xızmet tabılmadı. Basqa sóz benen urınıp kóriń yamasa máhálle xızmetkerinen sorań.
list-more = Tómende jáne bar: joqarıǵa jılıstırıń

wizard-check-ok = Ótti
wizard-check-failed = Ótpedi

error-text-control-character = Tekstegi arnawlı belgilerdi alıp taslań.
error-text-direction-control = Tekstte oqıw baǵdarın ózgertetuǵın belgiler bar. Iltimas, onı qaytadan jazıń.

wizard-fingerprint-label = Portal giltleriniń izi (mindetli emes)
wizard-fingerprint-hint = Ol dizimnen ótiw paraǵında QR-kod astında basılǵan. Onıń menen terminal ortadaǵı basqa birew menen emes, tap sizdiń portalıńız benen dizimnen ótetuǵının tekseredi. Bos qaldırılsa, kim juwap berip atırǵanı tekserilmeydi.
wizard-keys-matched = Portal giltleri paraqtaǵıǵa sáykes keledi
wizard-keys-matched-detail = Giltler izi { $keys }
wizard-keys-unchecked = Portal giltleri tekserilmedi
wizard-keys-unchecked-detail = Giltler izi kiritilmedi. Portaldıkı — { $keys }: dawam etiwden aldın onı paraqtaǵı menen salıstırıń.
wizard-keys-unknown-detail = Bul portal óz giltlerin kórsetpeydi. Tek isenimli tarmaqta dizimnen ótiń.
wizard-error-keys-mismatch = Portal giltleri dizimnen ótiw paraǵındaǵıǵa sáykes kelmeydi. Bul tarmaqta birew portaldıń ornına juwap berip atırǵan bolıwı múmkin. Hesh nárse saqlanbadı: giltler izin tekseriń yamasa basqa tarmaqta dizimnen ótiń hám portal administratorına xabar beriń.
wizard-error-fingerprint = Giltler izi 16 hárip hám sannan ibarat, mısalı 8F3K-T2QX-MW7D-R4NA. Onı tekseriń yamasa bos qaldırıń.
wizard-error-plain-http = Terminal portal menen tek https:// arqalı baylanısadı. Mánzildi https:// menen kiritiń.
wizard-error-certificate = Portal sertifikatına isenip bolmaydı: múddeti ótken, basqa mánzil ushın berilgen yamasa belgisiz orayınan. Mánzildi hám terminaldıń sánesi menen waqıtın tekseriń.
wizard-progress-not-saved = Bul qádemdi terminalǵa jazıw múmkin bolmadı, sonıń ushın qayta iske túskennen keyin sazlaw basınan baslanadı. Dawam ete beriwińiz múmkin; bul qaytalansa, terminal diskin tekseriń.

staff-records-failed = Terminal jazıwların házir oqıp bolmay atır. Xalıq tapsırǵan arzalar saqlanǵan; qaytadan urınıp kóriń, mashqala qalsa, texnikti shaqırıń.

staff-save-failed = Bunı terminalda saqlap bolmadı. Hesh nárse ózgermedi; qaytadan urınıp kóriń, mashqala qalsa, texnikti shaqırıń.

## Software updates (staff menu; the version also on the start screen)
# same word as uz-Latn
app-version = Versiya
staff-update-install = Házir jańalaw
staff-update-downloading = { $version } jańalanıwı portaldan júklenbekte: { $percent } %.
staff-update-ready-usb = USB yadtaǵı { $version } jańalanıwı tekserildi hám ornatıwǵa tayın.
staff-update-ready-portal = Portaldan { $version } jańalanıwı júklendi hám tekserildi. Ol saat { $hour }:00 de ózi ornatıladı yamasa onı házir ornatıń.
staff-update-installing = { $version } ornatılmaqta. Terminal bir neshe minuttan soń ózi qayta iske túsedi. Onı óshirmeń. Arzalar saqlanadı.
staff-update-installed = { $version } ornatıldı.
staff-update-refused = Jańalanıw ornatılmadı: { $reason } Terminal aldınǵı versiyada islewin dawam etedi.
staff-update-rolled-back = { $version } iske túspedi, sonıń ushın terminal ózi aldınǵı versiyaǵa qayttı. Arzalar saqlanǵan. Texnikke xabar beriń.
update-unsigned = jańalanıw qol qoyılmaǵan.
update-bad-signature = jańalanıwdıń qolı joybar giltine sáykes emes.
update-malformed = jańalanıw táriypi buzılǵan.
update-wrong-device = jańalanıw basqa túrdegi úskene ushın.
update-truncated = jańalanıw fayılları tolıq emes (USB yadtı qaytadan jazıp kóriń).
update-corrupt = jańalanıw fayılı buzılǵan.
update-downgrade = bul versiya islep turǵanınan eskirek.
update-installed = bul versiya álleqashan islep tur.
update-rolled-back = bul versiya aldın iske túspegen edi.
update-disk = terminal yadına jazıw múmkin bolmadı.
update-key = terminalda jańalanıw gilti joq.
update-slot = sistema bólimine jazıw múmkin bolmadı.
update-request = ornatıw sorawın oqıw múmkin bolmadı.
update-version = versiya nomeri qáte.
