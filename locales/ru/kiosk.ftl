app-title = Терминал услуг махалли
nav-back = Назад
nav-home = Главная
net-online = В сети
net-offline = Нет связи
net-calm = Заявки надёжно хранятся на этом терминале и отправляются автоматически.
net-waiting = { $count ->
    [one] { $count } заявка ожидает отправки
    [few] { $count } заявки ожидают отправки
    [many] { $count } заявок ожидают отправки
   *[other] { $count } заявки ожидают отправки
}

start-welcome = Добро пожаловать!
start-choose-language = Выберите язык
start-begin = Начать
a11y-large-text = Крупный шрифт
a11y-normal-text = Обычный шрифт
a11y-high-contrast = Высокий контраст
a11y-normal-contrast = Обычные цвета

home-title = Чем мы можем Вам помочь?
home-services = Государственные услуги
home-services-hint = Информация, заявления и справки
home-appeals = Обращения
home-appeals-hint = Отправьте заявление, предложение или жалобу
home-check = Проверить заявку
home-check-hint = Введите или отсканируйте код с квитанции

services-title = Государственные услуги
appeals-title = Обращения
appeals-intro = Ваше обращение сразу регистрируется и направляется в махаллю или хокимият. Сохраните квитанцию, чтобы следить за ним.

kind-informational = Только информация
kind-interactive = Заявка здесь, результат — в учреждении
kind-transactional = Полностью онлайн
card-agency = Ответственный орган
card-term = Срок
card-where = Куда обращаться
card-hours = Часы работы
card-fee = Стоимость
card-documents = Необходимые документы
card-next-steps = Что будет дальше
card-apply = Подать заявку
card-informational = Для этой услуги заявка здесь не нужна: обратитесь с документами по адресу, указанному выше.
fee-free = Бесплатно
fee-at-office = В учреждении: { $amount } сум
fee-via-portal = Через портал: { $amount } сум (на 10 % дешевле)
fee-disability = Через портал для лиц с инвалидностью: { $amount } сум
term-same-day = В тот же день
term-days = { $count ->
    [one] { $count } рабочий день
    [few] { $count } рабочих дня
    [many] { $count } рабочих дней
   *[other] { $count } рабочего дня
}

form-next = Продолжить
form-has-errors = Пожалуйста, исправьте поля, отмеченные красным.
hint-pinfl = 14 цифр, указанных в Вашей ID-карте
hint-passport = Например, AA1234567
hint-phone = +998 90 123 45 67
hint-date = Нажмите, чтобы выбрать дату
review-empty = —

kb-letters = АБВ
kb-space = Пробел
kb-backspace = Стереть
kb-enter = Далее

review-title = Проверьте заявку
review-show = Показать мои данные
review-hide = Скрыть мои данные
review-consent = Даю согласие на обработку моих персональных данных для рассмотрения этой заявки.
review-consent-needed = Отметьте галочку выше, чтобы отправить заявку.
review-consent-given = Да
review-consent-not-given = Нет
review-edit = Изменить
review-submit = Отправить

submitting-title = Сохраняем Вашу заявку…
submitting-hint = Это займёт немного времени. Пожалуйста, подождите.

receipt-title = Ваша заявка зарегистрирована
receipt-code-label = Код Вашей квитанции
receipt-printing = Печатаем квитанцию…
receipt-printed = Возьмите напечатанную квитанцию.
receipt-print-failed = Не удалось напечатать квитанцию.
receipt-print-failed-next = Пожалуйста, запишите код. Ваша заявка сохранена; сотрудники махалли напечатают квитанцию повторно.
receipt-offline = Терминал без связи: Ваша заявка сохранена здесь и будет отправлена, как только связь восстановится.
receipt-next-steps = Что будет дальше
receipt-check-later = Статус можно проверить на любом терминале махалли по этому коду или телефоном, отсканировав QR-код квитанции.
receipt-check-later-demo = Этот терминал ещё не подключён к порталу: статус можно проверить только здесь, по этому коду.
receipt-done = Готово

printer-paper-end = В принтере закончилась бумага.
printer-cover-open = Открыта крышка принтера.
printer-offline = Принтер не отвечает.
printer-error = Принтер сообщил о неисправности.
printer-timeout = Принтер не ответил вовремя. Проверьте, что он включён и кабель подключён.
printer-port-open = Не удаётся открыть порт принтера. Проверьте кабель или выберите другой порт.
printer-bad-reply = Принтер ответил неожиданно. Проверьте модель принтера и скорость порта.
printer-port = Связь с принтером прервалась. Проверьте кабель.
printer-unsupported-baud = Порт не поддерживает выбранную скорость. Выберите другую.
printer-printout = Не удалось подготовить страницу для этого принтера. Сообщите технику.

status-code-label = Код квитанции
status-code-hint = Например, 000-100-001B
status-find = Найти
status-intro = Введите код с квитанции на клавиатуре ниже или поднесите QR-код квитанции к сканеру.
status-created = Подана { $date }
status-not-found = Заявка с таким кодом пока не найдена. Проверьте код на квитанции: заявка попадает на портал, как только терминал, где её подали, выходит на связь.
status-not-found-offline = Этого кода нет на этом терминале, а связи с порталом сейчас нет. Пожалуйста, попробуйте позже.
status-not-found-here = На этом терминале нет заявки с таким кодом. Терминал ещё не подключён к порталу и не может искать дальше.
status-checking = Запрашиваем портал…
status-only-here-since = Связи с порталом сейчас нет, поэтому показаны только записи этого терминала. Последняя связь с порталом: { $date }.
status-only-here = Связи с порталом сейчас нет, поэтому показаны только записи этого терминала.
status-not-enrolled = Этот терминал ещё не подключён к порталу, поэтому показаны только его собственные записи.
status-not-yet-at-portal = Эта заявка ещё не дошла до портала. Терминал отправит её, как только появится связь.
status-answer-withheld = Ведомство ответило. Чтобы увидеть ответ, поднесите QR-код квитанции к сканеру или введите ПИНФЛ, указанный в заявке.
status-answer-withheld-qr = Чтобы увидеть ответ ведомства, поднесите QR-код квитанции к сканеру.
status-pinfl-label = ПИНФЛ (14 цифр)
status-show-answer = Показать ответ
status-print = Напечатать
status-printing = Печатаем…
status-printed = Возьмите распечатку.
status-pinfl-mismatch = Этот ПИНФЛ не совпадает с указанным в заявке, поэтому ответ не показан.
status-too-many-tries = Для этой квитанции слишком много раз введён неверный ПИНФЛ. Попробуйте завтра или поднесите QR-код квитанции к сканеру.
status-pinfl-not-checked = Сейчас нет связи с порталом, чтобы проверить ПИНФЛ. Попробуйте позже или поднесите QR-код квитанции к сканеру.
status-next-queued = Ваша заявка сохранена на этом терминале и будет отправлена на портал, как только появится связь.
status-next-sending = Ваша заявка сейчас отправляется на портал.
status-next-delivered = Ваша заявка на портале; ведомство её рассмотрит.
status-next-quarantined = Пожалуйста, обратитесь к сотрудникам махалли: они видят, почему портал её не принял.
status-next-received = Ведомство получило вашу заявку и рассмотрит её. Сейчас от вас ничего не требуется.
status-next-in-review = Ведомство рассматривает вашу заявку. Сейчас от вас ничего не требуется.
status-next-needs-information = Ведомству нужны дополнительные сведения: прочитайте ответ и принесите запрошенное в офис махалли.
status-next-approved = Ваша заявка одобрена. Следуйте указаниям в ответе ведомства.
status-next-rejected = Ваша заявка отклонена; причина указана в ответе ведомства. Сотрудники махалли объяснят, что можно сделать.
status-next-completed = Работа по вашей заявке завершена.
state-queued = Сохранена на терминале, ожидает отправки
state-sending = Отправляется на портал
state-delivered = Доставлена на портал
state-quarantined = Портал не смог её принять; сотрудники махалли Вам помогут

idle-title = Вы ещё здесь?
idle-countdown = { $count ->
    [one] Всё, что Вы ввели, будет удалено через { $count } секунду.
    [few] Всё, что Вы ввели, будет удалено через { $count } секунды.
    [many] Всё, что Вы ввели, будет удалено через { $count } секунд.
   *[other] Всё, что Вы ввели, будет удалено через { $count } секунды.
}
idle-continue = Да, продолжить

error-field-required = Пожалуйста, заполните это поле.
error-field-too-short = { $min ->
    [one] Слишком коротко: нужно не менее { $min } символа.
   *[other] Слишком коротко: нужно не менее { $min } символов.
}
error-field-too-long = { $max ->
    [one] Слишком длинно: допускается не более { $max } символа.
   *[other] Слишком длинно: допускается не более { $max } символов.
}
error-field-unknown = Этого поля нет в форме.
error-date-format = Введите дату в виде ДД.ММ.ГГГГ.
error-date-in-future = Дата не может быть в будущем.
error-date-in-past = Дата не может быть в прошлом.
error-choice-not-an-option = Выберите один из вариантов.
error-pinfl-empty = Введите ПИНФЛ.
error-pinfl-not-digits = ПИНФЛ состоит только из цифр.
error-pinfl-length = ПИНФЛ состоит ровно из 14 цифр.
error-pinfl-century = Первая цифра ПИНФЛ — от 1 до 6.
error-pinfl-birth-date = Цифры со 2-й по 7-ю — это Ваша дата рождения (ДДММГГ).
error-pinfl-check-digit = В ПИНФЛ опечатка: проверьте каждую цифру.
error-passport-empty = Введите номер паспорта или ID-карты.
error-passport-length = Две буквы и семь цифр, например AA1234567.
error-passport-series = Номер начинается с двух латинских букв.
error-passport-number = После двух букв идут семь цифр.
error-phone-empty = Введите номер телефона.
error-phone-invalid-character = Номер телефона состоит только из цифр.
error-phone-country-code = Принимаются только номера Узбекистана (+998).
error-phone-length = В номере Узбекистана после +998 идут 9 цифр.
error-receipt-code-empty = Введите код с квитанции.
error-receipt-code-invalid-character = В коде есть символ, которого не бывает в квитанциях.
error-receipt-code-length = Код квитанции состоит из 10 символов.
error-receipt-code-check-character = В коде опечатка: проверьте каждый символ.
error-receipt-code-device-out-of-range = Это не код квитанции.
error-receipt-code-sequence-out-of-range = Это не код квитанции.
error-receipt-qr-shape = Это не QR-код квитанции.
error-receipt-qr-receipt-code = Код квитанции в этом QR-коде неверен.

submit-failed = Не удалось сохранить Вашу заявку на этом терминале. Ничего не отправлено. Пожалуйста, попробуйте ещё раз или обратитесь к сотруднику махалли.
portal-status-in-review = На рассмотрении
portal-status-needs-information = Нужны дополнительные сведения
portal-status-approved = Одобрено
portal-status-rejected = Отклонено
portal-status-completed = Исполнено
printer-paper-low = В принтере заканчивается бумага: пожалуйста, сообщите сотруднику махалли.

## Staff sign-in and menu
emblem = Герб махалли
pin-title = Вход для сотрудников
pin-hint = Введите PIN-код
pin-label = PIN-код
pin-ok = OK
pin-clear = Стереть
pin-wrong = { $count ->
    [one] Неверный PIN-код. Осталась { $count } попытка до блокировки.
    [few] Неверный PIN-код. Осталось { $count } попытки до блокировки.
    [many] Неверный PIN-код. Осталось { $count } попыток до блокировки.
   *[other] Неверный PIN-код. Осталось { $count } попытки до блокировки.
}
pin-locked = Слишком много неверных PIN-кодов. Повторите через { $minutes } мин { $seconds } с.
staff-badge = Сотрудник
staff-badge-assisted = С помощью сотрудника
staff-menu-title = Меню сотрудника
staff-assisted = Заявка с помощью сотрудника
staff-assisted-hint = Заполнить форму вместе с жителем
staff-queue = Локальная очередь
staff-queue-hint = Коды, услуги, время и состояние
staff-queue-empty = На этом терминале ещё ничего не отправлено.
staff-sync = Синхронизация
staff-sync-hint = Отправить сейчас, последний результат
staff-sync-now = Синхронизировать сейчас
staff-sync-last = Последняя успешная синхронизация: { $time }
staff-sync-never = Успешной синхронизации ещё не было
staff-sync-error = Последняя ошибка ({ $time }): { $error }
staff-sync-problem-offline = Портал недоступен. Заявления ждут в терминале и уйдут, как только появится сеть.
staff-sync-problem-portal-busy = Портал занят или дал сбой. Терминал повторит попытку сам.
staff-sync-problem-certificate = Сертификату портала нельзя доверять. Проверьте дату и время терминала и вызовите техника. Заявления ждут в терминале.
staff-sync-problem-portal-keys = Ответ пришёл не от портала этого терминала, поэтому ничего не отправляется. Вызовите техника. Заявления ждут в терминале.
staff-sync-problem-device-key = Ключа терминала нет или он от другого терминала, поэтому ничего не отправляется. Вызовите техника, чтобы восстановить его из резервной копии. Заявления ждут в терминале.
staff-sync-problem-refused = Портал отклонил запрос терминала. Вызовите техника. Заявления ждут в терминале.
staff-sync-problem-settings = Настройки портала в терминале неверны. Вызовите техника. Заявления ждут в терминале.
staff-sync-problem-records = Записи терминала не удалось прочитать или записать. Поданные заявления сохранены; если это повторяется, вызовите техника.
staff-sync-problem-other = Отправка не удалась. Заявления сохранены, терминал попробует снова.
staff-sync-waiting = { $count ->
    [one] Осталось отправить { $count } заявку
    [few] Осталось отправить { $count } заявки
    [many] Осталось отправить { $count } заявок
   *[other] Осталось отправить { $count } заявки
}
staff-printer = Принтер
staff-printer-hint = Повторная печать, бумага
staff-printer-ready = Принтер готов.
staff-paper-low = Бумага почти закончилась: скоро вставьте новый рулон.
staff-reprint-label = Код квитанции для повторной печати
staff-reprint = Напечатать снова
staff-reprint-queued = Квитанция { $code } будет напечатана снова.
staff-counts = Статистика
staff-counts-hint = Сегодня и за неделю, по услугам
staff-counts-today = Сегодня
staff-counts-week = На этой неделе
staff-counts-none = Заявок нет.
staff-counts-assisted = { $count ->
    [one] { $count } с помощью сотрудника
    [few] { $count } с помощью сотрудника
    [many] { $count } с помощью сотрудника
   *[other] { $count } с помощью сотрудника
}
staff-sign-out = Выйти
review-identity-checked = Я проверил(а) документ, удостоверяющий личность жителя.
error-pin-length = PIN-код состоит из 4–8 цифр.
error-pin-digits = PIN-код состоит только из цифр.
error-pin-too-simple = Выберите PIN-код, который не состоит из одной цифры и не идёт подряд, как 1234.
error-pin-mismatch = PIN-коды не совпадают.
error-pin-taken = Такой PIN-код уже есть у другого сотрудника.
error-staff-name = Введите имя сотрудника.
error-staff-name-taken = Сотрудник с таким именем уже есть.

## First-boot wizard
wizard-step = Шаг { $count } из 7
wizard-language-title = Язык
wizard-network-title = Проверка сети
wizard-portal-title = Адрес портала
wizard-code-title = Код регистрации
wizard-confirm-title = Подтвердите махаллю
wizard-printer-title = Принтер квитанций
wizard-staff-title = Первый PIN-код сотрудника
wizard-next = Далее
wizard-finish = Готово
wizard-busy = Подождите…
wizard-check-again = Проверить снова
wizard-check-dns = Поиск имени (DNS)
wizard-check-portal = Портал
wizard-check-portal-version = Портал отвечает (версия { $version }).
wizard-check-no-portal = Адрес портала ещё не задан: введите его на следующем шаге.
wizard-check-clock = Часы
wizard-check-clock-offset = Часы терминала расходятся с порталом на { $seconds } с; терминал это учитывает.
wizard-check-clock-unknown = Станет известно, когда ответит портал.
wizard-portal-hint = Введите адрес центрального портала, который дало ведомство, или отсканируйте QR-код листа регистрации: он заполнит адрес и код.
wizard-portal-label = Адрес портала
wizard-code-hint = Введите одноразовый код с листа регистрации или отсканируйте QR-код листа: он заполнит и код, и отпечаток ключей.
wizard-code-label = Код регистрации
wizard-confirm-question = По этому коду терминал будет зарегистрирован в махалле:
wizard-confirm-yes = Да, эта махалля
wizard-confirm-no = Нет, другой код
wizard-printer-search = Искать снова
wizard-printer-test = Пробная печать
wizard-printer-test-sent = Пробная страница отправлена. Проверьте, что она напечаталась.
wizard-printer-found = { $model } отвечает на { $baud } бод
wizard-printer-silent = Здесь никто не отвечает.
wizard-printer-none = Принтер не найден. Проверьте кабель и питание и повторите поиск.
wizard-printer-profile = Профиль: { $profile }
wizard-printer-skip = Продолжить без принтера
wizard-staff-hint = Первый сотрудник махалли: имя и PIN-код из 4–8 цифр.
wizard-staff-name = Имя
wizard-staff-pin = PIN-код
wizard-staff-pin-again = PIN-код ещё раз
wizard-error-url = Введите адрес, начинающийся с https://
wizard-error-unreachable = Портал недоступен. Проверьте сеть и адрес.
wizard-error-portal = Портал ответил неожиданно. Попробуйте ещё раз.
wizard-error-code-empty = Введите или отсканируйте код регистрации.
wizard-error-code-invalid = Портал не знает этот код. Проверьте и введите его снова.
wizard-error-code-used = Этот код уже использован. Запросите на портале новый.
wizard-error-code-expired = Срок действия кода истёк. Запросите на портале новый.
wizard-error-already-enrolled = Этот терминал уже зарегистрирован.

date-day = День
date-month = Месяц
date-year = Год
date-clear = Очистить
month-1 = Январь
month-2 = Февраль
month-3 = Март
month-4 = Апрель
month-5 = Май
month-6 = Июнь
month-7 = Июль
month-8 = Август
month-9 = Сентябрь
month-10 = Октябрь
month-11 = Ноябрь
month-12 = Декабрь

net-demo = Демо-терминал: ещё не подключён к порталу. Заявления хранятся на этом терминале.
review-title-assisted = Проверьте заявление жителя
review-show-assisted = Показать данные жителя
review-hide-assisted = Скрыть данные жителя
review-consent-assisted = Житель согласен на обработку его персональных данных для рассмотрения этого заявления (подтверждает сотрудник).
review-consent-needed-assisted = Чтобы отправить заявление, отметьте выше согласие жителя.

wizard-check-device = Идентификатор устройства
wizard-check-link = Сеть
wizard-check-no-interface = Сетевой интерфейс не найден: проверьте кабель или адаптер Wi-Fi.
wizard-link-up = подключено
wizard-link-down = выключено
wizard-link-no-cable = нет кабеля
wizard-link-no-address = нет IP-адреса

services-search = Поиск услуги
services-none-found = Услуга не найдена. Попробуйте другое слово или спросите сотрудника махалли.
list-more = Ниже есть ещё: проведите вверх

wizard-check-ok = Пройдено
wizard-check-failed = Не пройдено

error-text-control-character = Уберите из текста специальные символы.
error-text-direction-control = В тексте есть символы, меняющие направление чтения. Пожалуйста, наберите его заново.

wizard-fingerprint-label = Отпечаток ключей портала (необязательно)
wizard-fingerprint-hint = Он напечатан под QR-кодом на листе регистрации. С ним терминал проверит, что регистрируется именно на вашем портале, а не у посредника. Если оставить поле пустым, никто не проверит, кто отвечает.
wizard-keys-matched = Ключи портала совпадают с листом регистрации
wizard-keys-matched-detail = Отпечаток { $keys }
wizard-keys-unchecked = Ключи портала не проверены
wizard-keys-unchecked-detail = Отпечаток не введён. У портала он такой: { $keys }. Сверьте его с листом, прежде чем продолжить.
wizard-keys-unknown-detail = Этот портал не показывает свои ключи. Регистрируйтесь только в сети, которой доверяете.
wizard-error-keys-mismatch = Ключи портала не совпадают с листом регистрации. Возможно, кто-то в этой сети отвечает вместо портала. Ничего не сохранено: проверьте отпечаток или зарегистрируйтесь в другой сети и сообщите администратору портала.
wizard-error-fingerprint = Отпечаток ключей состоит из 16 букв и цифр, например 8F3K-T2QX-MW7D-R4NA. Проверьте его или оставьте поле пустым.
wizard-error-plain-http = Терминал связывается с порталом только по https://. Введите адрес, начинающийся с https://.
wizard-error-certificate = Сертификату портала нельзя доверять: срок его действия истёк, он выдан для другого адреса или неизвестным центром. Проверьте адрес, а также дату и время терминала.
wizard-progress-not-saved = Этот шаг не удалось записать в терминале, поэтому после перезапуска настройка начнётся сначала. Можно продолжать; если это повторяется, проверьте диск терминала.

staff-records-failed = Записи терминала сейчас не читаются. Поданные жителями заявления сохранены; попробуйте ещё раз, а если не поможет, вызовите техника.

staff-save-failed = Не удалось сохранить это на терминале. Ничего не изменилось; попробуйте ещё раз, а если не поможет, вызовите техника.

## Software updates (staff menu; the version also on the start screen)
app-version = Версия
staff-update-install = Обновить сейчас
staff-update-downloading = Обновление { $version } загружается с портала: { $percent } %.
staff-update-ready-usb = Обновление { $version } с USB-накопителя проверено и готово к установке.
staff-update-ready-portal = Обновление { $version } загружено с портала и проверено. Оно установится само в { $hour }:00, или установите его сейчас.
staff-update-installing = Устанавливается { $version }. Через несколько минут терминал перезапустится сам. Не выключайте его. Заявки сохраняются.
staff-update-installed = { $version } установлено.
staff-update-refused = Обновление не установлено: { $reason } Терминал продолжает работать на прежней версии.
staff-update-rolled-back = { $version } не запустилась, поэтому терминал сам вернулся к прежней версии. Заявки сохранены. Сообщите технику.
update-unsigned = обновление не подписано.
update-bad-signature = подпись обновления не совпадает с ключом проекта.
update-malformed = описание обновления повреждено.
update-wrong-device = обновление предназначено для другого типа устройства.
update-truncated = файлы обновления неполные (запишите USB-накопитель заново).
update-corrupt = файл обновления повреждён.
update-downgrade = эта версия старше работающей.
update-installed = эта версия уже работает.
update-rolled-back = эта версия уже не запустилась ранее.
update-disk = не удалось записать в память терминала.
update-key = на терминале нет ключа обновлений.
update-slot = не удалось записать системный раздел.
update-request = не удалось прочитать запрос на установку.
update-version = неверный номер версии.
