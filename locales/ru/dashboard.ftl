# The agency dashboard, Russian.
portal = Портал махаллей
nav-submissions = Обращения
nav-monitoring = Мониторинг
nav-sign-out = Выйти
sign-in-title = Вход
sign-in-user = Имя пользователя
sign-in-password = Пароль
sign-in-button = Войти
sign-in-wrong = Неверное имя пользователя или пароль.
sign-in-busy = Сейчас проверяется много входов. Попробуйте ещё раз через минуту.
sign-in-throttled = Слишком много неудачных попыток: попробуйте через 15 минут или попросите администратора задать новый пароль.
error-store = Портал не смог прочитать свои данные. Попробуйте ещё раз.
error-forbidden = Эта форма отправлена не со страницы портала. Откройте страницу заново и отправьте форму с неё.
error-not-found = Такого обращения нет.
error-status = Выберите один из статусов списка.
error-code = Это не код квитанции: в нём десять букв и цифр, как 000-100-001B, и последняя проверяет остальные. Посмотрите на квитанцию ещё раз.
error-day = Укажите день как в календаре, например 2026-12-07.
list-title = Обращения
filter-code = Код квитанции
filter-status = Статус
filter-any = любой
filter-open = открытые (без решения)
filter-term = Срок
filter-due-soon = истекает в течение 3 дней
filter-overdue = просрочено
filter-service = Услуга или вид обращения
filter-mahalla = Код махалли
filter-district = Район
filter-region = Область
filter-from = Подано: с
filter-to = по
filter-order = Порядок
order-due = сначала с ближайшим сроком
order-newest = сначала последние поступившие
filter-button = Показать
column-receipt = Квитанция
column-mahalla = Махалля
column-service = Услуга
column-status = Статус
column-submitted = Подано
column-term = Срок
list-none = Нет обращений, подходящих под эти условия.
export = Скачать
page-first = Первая страница
page-next = Следующая страница
term-decided = решение принято
term-due-today = срок истекает сегодня, { $date }
term-due = до { $date }, { $count ->
    [one] остался { $count } день
    [few] осталось { $count } дня
   *[many] осталось { $count } дней
}
term-overdue = просрочено на { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
} (срок — { $date })
detail-title = Квитанция { $code }
detail-language = Язык заявителя
detail-assisted = С помощью сотрудника махалли
detail-assisted-by = сотрудник №{ $staff }, документ, удостоверяющий личность, проверен: { $checked }
yes = да
no = нет
detail-answer = Ответ
detail-history = История
detail-new-status = Новый статус
detail-answer-in = Ответ (язык заявителя: { $language })
detail-extended = Срок продлён до 30 дней: { $user }, { $time }. Причина: { $reason }
extend-reason = Причина продления срока
extend-button = Продлить срок до 30 дней
error-reason = Укажите причину продления срока (до 500 знаков).
error-not-appeal = Продлить можно только срок обращения (заявления, предложения, жалобы).
error-extended = Срок этого обращения уже продлён или по нему принято решение.
detail-save = Сохранить
monitoring-title = Мониторинг
monitoring-terminals = Терминалы
monitoring-online = На связи
monitoring-waiting = Ждут отправки
monitoring-quarantined = На карантине
monitoring-printer-faults = Неисправности принтера
monitoring-catalogue-refused = Непринятый каталог
monitoring-last-seen = Последняя связь
monitoring-today = Сегодня
monitoring-week = За 7 дней
monitoring-places = Места
monitoring-all = Вся страна
monitoring-place = Место
monitoring-silent = Молчат больше суток
monitoring-handed-in = Подано за 30 дней
monitoring-open = Открыто
monitoring-overdue = Просрочено
monitoring-answered = Отвечено за 30 дней
monitoring-on-time = В срок
monitoring-median = Медианное время ответа
monitoring-services = По услугам
monitoring-chart = Подано по дням, последние 30 дней
monitoring-chart-label = { $count ->
    [one] { $count } обращение
    [few] { $count } обращения
   *[many] { $count } обращений
} за 30 дней, не больше { $most } в день
hours = { $count ->
    [one] { $count } час
    [few] { $count } часа
   *[many] { $count } часов
}
monitoring-never = никогда
monitoring-versions = Терминалы по версиям
monitoring-version = Версия
monitoring-version-unknown = не сообщена
monitoring-terminal-list = Терминалы
monitoring-terminal = Терминал
monitoring-software-update = Обновление ПО
update-idle = обновлений не ожидается
update-downloading = загружается, { $percent } %
update-ready = готово к установке
update-installing = устанавливается
update-installed = установлено, работает после перезапуска
update-refused = отклонено ({ $reason })
update-rolled-back = не запустилось, возврат к прежней версии
minutes-ago = { $count ->
    [one] { $count } минуту назад
    [few] { $count } минуты назад
   *[many] { $count } минут назад
}
days = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
status-received = Получено
status-in-review = На рассмотрении
status-needs-information = Нужны дополнительные сведения
status-approved = Одобрено
status-rejected = Отклонено
status-completed = Исполнено
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
date = { $day } { $month } { $year }
date-time = { $date }, { $time }
