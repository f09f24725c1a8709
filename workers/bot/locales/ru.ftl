# Every Russian text of the seller bot (Fluent, https://projectfluent.org/).
# Messages are Telegram HTML: string arguments arrive HTML-escaped (workers/bot/i18n.ts);
# button labels and alerts (btn-*, *-alert, toasts) are plain text.

## Common

when-today = сегодня в { $time }
when-yesterday = вчера в { $time }
when-date = { $date } в { $time }

fresh-ok = <i>🕒 обновлено { $when }</i>
fresh-stale = <i>⚠️ данные устарели: обновлено { $when } — подробности в /sync</i>
fresh-never = <i>⏳ данные ещё загружаются — прогресс в /sync</i>

stale-button = Эта кнопка устарела. Откройте раздел заново из меню.
list-end = Дальше ничего нет.
error-generic = Что-то пошло не так. Попробуйте ещё раз чуть позже.
error-wrap = ⚠️ { $message }
unknown-command = Такой команды нет. Вот меню — или /help со списком команд.
fallback = Я понимаю команды и кнопки. Откройте меню или наберите /help.
fallback-not-text = Я понимаю только текст и кнопки. Откройте меню или наберите /help.
no-cabinet = Сначала подключите кабинет WB — или попробуйте демо-кабинет с тестовыми данными.

## Buttons

btn-menu = 🏠 Меню
btn-web-open = 🌐 Открыть веб-кабинет
btn-web-mini-app = 📱 Открыть в Telegram
btn-back = ⬅️ Назад
btn-prev = ⬅️ Назад
btn-next = Вперёд ➡️
btn-cancel = ✖️ Отмена
btn-refresh = 🔄 Обновить
btn-dashboard = 📊 Дашборд
btn-orders = 🛒 Заказы
btn-stocks = 📦 Остатки
btn-reviews = ⭐ Отзывы
btn-reviews-count = ⭐ Отзывы без ответа: { $n }
btn-questions = ❓ Вопросы
btn-analytics = 📈 Аналитика
btn-sync = 🔁 Синхронизация
btn-sync-now = ⚡ Обновить из WB сейчас
btn-cabinets = 🗂 Кабинеты
btn-settings = ⚙️ Настройки
btn-help = ℹ️ Помощь
btn-connect = 🔑 Подключить кабинет WB
btn-connect-more = 🔑 Подключить ещё
btn-demo = 🧪 Демо-кабинет
btn-reply = ✍️ Ответить
btn-reply-n = ✍️ { $n }
btn-retry-answer = 🔁 Отправить ещё раз
btn-members = 👥 Участники
btn-invite-manager = ➕ Менеджер
btn-invite-viewer = ➕ Наблюдатель
btn-remove-member = ✖️ Удалить: { $name }
btn-remove-yes = Да, удалить
btn-disconnect = 🔌 Отключить кабинет
btn-disconnect-yes = Да, отключить и удалить данные
btn-quiet-manual = ✏️ Своё
btn-time-zone = 🌍 Часовой пояс: { $zone }

## Command menu (setMyCommands)

cmd-dashboard = Сводка: заказы, остатки, отзывы
cmd-orders = Последние заказы
cmd-stocks = Остатки и дни запаса
cmd-reviews = Отзывы и ответы на них
cmd-questions = Вопросы покупателей
cmd-analytics = Аналитика продаж за период
cmd-sync = Синхронизация с WB
cmd-cabinets = Кабинеты и участники
cmd-connect = Подключить кабинет WB
cmd-settings = Настройки уведомлений
cmd-help = Помощь
cmd-web = Войти в веб-кабинет
cmd-start = Главное меню

## Start and menu

onboarding =
    👋 Здравствуйте{ HAS($name) ->
        [no] {""}
       *[yes] , { $name }
    }!

    Я — <b>WB Assist</b>, помощник продавца Wildberries. Показываю заказы, остатки и отзывы вашего магазина, предупреждаю, когда товар заканчивается, и помогаю отвечать покупателям прямо из Telegram.

    Чтобы начать, подключите кабинет WB по токену API — или загляните в демо-кабинет с тестовыми данными.

menu =
    🏠 <b>{ $cabinet }</b>{ $demo ->
        [1] {" "}(демо)
       *[0] {""}
    } · ваша роль: { $role }

    Выберите раздел:

invite-joined =
    🎉 Вы присоединились к кабинету «<b>{ $cabinet }</b>» с ролью «{ $role }».

    Выберите раздел:
invite-already-member = Вы уже участник кабинета «<b>{ $cabinet }</b>» (роль «{ $role }»). Открыл его.
invite-invalid = Ссылка-приглашение не найдена. Попросите владельца кабинета прислать новую.
invite-expired = Срок действия приглашения истёк. Попросите владельца кабинета прислать новое.
invite-used = По этой ссылке уже присоединились: приглашения одноразовые. Попросите владельца прислать новое.

## Connect

connect-prompt =
    🔑 <b>Подключение кабинета WB</b>

    1. Откройте кабинет продавца WB → <b>Профиль → Настройки → Доступ к API</b>.
    2. Создайте токен: тип «Персональный», категории «Статистика», «Контент», «Аналитика», «Цены и скидки», «Вопросы и отзывы», «Финансы». Чтобы отвечать на отзывы из бота, не включайте «Только на чтение».
    3. Пришлите токен сюда одним сообщением.

    🔒 Сообщение с токеном я сразу удалю из чата, а сам токен сохраню в зашифрованном виде.
connect-checking =
    ⏳ Проверяю токен в WB…{ $deleted ->
        [1] {" "}Сообщение с токеном удалено из чата.
       *[0] {" "}Удалить сообщение с токеном не получилось — удалите его, пожалуйста, сами.
    }
connect-not-a-token = Это не похоже на токен WB: он длинный и состоит из трёх частей через точку. Скопируйте его целиком из кабинета продавца — или нажмите «Меню», чтобы отменить.
connect-failed =
    ❌ Кабинет не подключён: { $reason }

    Пришлите другой токен или нажмите «Отмена».
connect-done = ✅ Кабинет «<b>{ $cabinet }</b>» подключён.
connect-warnings =
    ⚠️ <b>Обратите внимание</b>
    { $list }
connect-next = Загружаю историю за 90 дней — обычно это занимает несколько минут. Ход загрузки — в /sync, а сводка — в /dashboard.

token-facts =
    <b>Токен</b>: { $type }, { $expires }
    <b>Доступ</b>: { $categories }
    <b>Права</b>: { $readOnly ->
        [1] только чтение — отвечать на отзывы из бота не получится
       *[0] чтение и запись
    }
    <b>Обновление данных</b> с этим токеном: заказы — { $ordersEvery }, остатки — { $stocksEvery }, отзывы и вопросы — { $reviewsEvery }.
token-type-personal = персональный
token-type-service = сервисный
token-type-base = базовый (низкие лимиты WB)
token-type-test = тестовый (только песочница WB)
token-expires = действует до { $date }
token-no-expiry = без срока действия
every-minutes = раз в { $n } мин
every-hours = { $n ->
    [1] раз в час
   *[other] раз в { $n } ч
}

demo-connected =
    🧪 Демо-кабинет «<b>{ $cabinet }</b>» подключён: это магазин одежды на встроенной песочнице WB, заказы в нём появляются прямо сейчас.

    Загружаю историю — через минуту-другую появятся цифры. Начните с «📊 Дашборд» или посмотрите ход загрузки в «🔁 Синхронизация».
demo-again = 🧪 Демо-кабинет «<b>{ $cabinet }</b>» уже подключён — открыл его.

## Dashboard

dash-title =
    📊 <b>{ $cabinet }</b>{ $demo ->
        [1] {" "}(демо)
       *[0] {""}
    }
    <i>сводка на { $at } (МСК)</i>
dash-orders =
    🛒 <b>ЗАКАЗЫ</b> · сегодня к { $time }
    • Новых заказов: <b>{ $count }</b>
    • На сумму: <b>{ $sum }</b>
    • Вчера к этому времени: { $prevCount } на { $prevSum }
    • Рост к вчера: <b>{ $growth }</b> по числу, { $sumGrowth } по сумме
    • Вчера за весь день: { $yCount } { $yCountN ->
        [one] заказ
        [few] заказа
       *[many] заказов
    } на { $ySum } ({ $yGrowth } к позавчера)
    • 7 дней: { $w7Count } на { $w7Sum } ({ $w7Growth })
    • 30 дней: { $m30Count } на { $m30Sum } ({ $m30Growth })
dash-stocks =
    📦 <b>ОСТАТКИ</b> · порог { $days } дн.
    • Критичных (запаса меньше { $days } дн.): <b>{ $critical }</b>
    • С нулевыми остатками: <b>{ $zero }</b>
    • Требуют внимания: <b>{ $attention }</b>
dash-reviews =
    ⭐️ <b>ОТЗЫВЫ</b>
    • Средний рейтинг: <b>{ $avg }</b>/5
    • Без ответа: <b>{ $unanswered }</b>
    • Всего отзывов: { $total }
dash-products = 🛍 <b>ТОВАРЫ</b>: карточек { $total }, активных { $active } (с остатком или заказами за 30 дней)

## Orders

orders-title = 🛒 <b>Заказы</b> · { $cabinet } · { $filter } · стр. { $page }
orders-empty = Заказов пока нет. Если кабинет подключён недавно, история ещё загружается — см. /sync.
orders-filter-a = Все
orders-filter-c = Активные
orders-filter-x = Отменённые
order-line =
    { $n }{ $when } · <b>{ $price }</b>{ $cancelled ->
        [1] {" "}· ❌ отмена
       *[0] {""}
    }
    { $subject } · арт. <code>{ $article }</code>{ HAS($size) ->
        [no] {""}
       *[yes] , р. { $size }
    }
    📍 { $region }{ HAS($warehouse) ->
        [no] {""}
       *[yes] {" "}· склад { $warehouse }
    }

## Stocks

stocks-title =
    📦 <b>Остатки</b> · { $cabinet }
    Порог критичного запаса — { $days } дн. Критичных: <b>{ $critical }</b> · нулевых: <b>{ $zero }</b> · внимание: <b>{ $low }</b> (из { $sizes } размеров)
stocks-empty = Остатков пока нет. Если кабинет подключён недавно, данные ещё загружаются — см. /sync.
stocks-footer = <i>Показаны { $from }–{ $to } из { $total }. Дни запаса = (остаток + в пути к покупателю) / заказов в день за 30 дней.</i>
stocks-filter-a = Все
stocks-filter-c = 🔴 Крит.
stocks-filter-z = ⚫️ Ноль
stocks-filter-l = 🟡 Внимание
stock-line = { $mark } <code>{ $article }</code>{ HAS($size) ->
        [no] {""}
       *[yes] , р. { $size }
    } — { $zero ->
        [1] нет в наличии, заказывали { $perDay }/день
       *[0] { $units } шт., { $hasDays ->
            [1] хватит на { $days } дн. ({ $perDay } заказа/день)
           *[0] заказов за 30 дней не было
        }
    }

## Reviews and questions

reviews-title = ⭐ <b>Отзывы</b> · { $cabinet } · { $filter } · стр. { $page }
reviews-empty = Отзывов с таким фильтром нет.
reviews-filter-a = Все
reviews-filter-u = Без ответа
reviews-filter-n = ★1–2
reviews-filter-m = ★3
reviews-filter-p = ★4–5
questions-title = ❓ <b>Вопросы</b> · { $cabinet } · { $filter } · стр. { $page }
questions-empty = Вопросов с таким фильтром нет.
questions-filter-a = Все
questions-filter-u = Без ответа

review-head = { $n }{ $negative ->
        [1] 🔴{" "}
       *[0] {""}
    }{ $stars } <b>{ $product }</b>{ HAS($article) ->
        [no] {""}
       *[yes] {" "}· арт. <code>{ $article }</code>
    }{ HAS($size) ->
        [no] {""}
       *[yes] , р. { $size }
    }
question-head = { $n }❓ <b>{ $product }</b>{ HAS($article) ->
        [no] {""}
       *[yes] {" "}· арт. <code>{ $article }</code>
    }
review-meta = <i>{ $when }{ HAS($author) ->
        [no] {""}
       *[yes] {" "}· { $author }
    }</i>
review-text = 💬 { $text }
review-pros = 👍 { $text }
review-cons = 👎 { $text }
review-no-text = <i>Без текста, только оценка.</i>
review-unanswered = ⏳ <b>Без ответа</b>
review-answered = ✅ Ответ: <i>{ $text }</i>

answer-prompt-review =
    ✍️ <b>Напишите ответ на этот отзыв одним сообщением</b> (от { $min } до { $max } символов). Он уйдёт в WB от имени магазина.
answer-prompt-question =
    ✍️ <b>Напишите ответ на этот вопрос одним сообщением</b> (от { $min } до { $max } символов). Он уйдёт в WB от имени магазина.
answer-sent =
    ✅ <b>Ответ отправлен в WB.</b>

    <i>{ $text }</i>
answer-already =
    ℹ️ На это уже есть ответ — второй отправлять не стал.

    <i>{ $text }</i>
answer-already-short = ℹ️ На это уже есть ответ.
answer-missing = Этого отзыва или вопроса больше нет в кабинете. Обновите список.
answer-missing-alert = Этого отзыва или вопроса больше нет в кабинете. Обновите список.
answer-read-only = 🔒 Токен этого кабинета — только на чтение: отвечать из WB Assist не получится. Подключите токен с правом записи.
answer-read-only-alert = Токен этого кабинета — только на чтение: отвечать из WB Assist не получится.
answer-too-short = Ответ слишком короткий: нужно от { $min } до { $max } символов. Напишите ещё раз.
answer-too-long = Ответ слишком длинный: WB принимает до { $max } символов. Сократите и пришлите ещё раз.
answer-rate-limited = ⏳ WB сейчас ограничивает частоту ответов для этого кабинета. Ответ не отправлен — попробуйте через { $seconds } с.
answer-unavailable = ❌ Ответ не отправлен: { $reason }
answer-failed = ❌ WB не принял ответ: { $reason }
answer-uncertain = ⏳ WB не подтвердил получение ответа вовремя. Ответ мог дойти, поэтому повторно его не отправляю: проверю при следующей синхронизации отзывов. Если его там не окажется, отзыв снова станет «без ответа».
answer-expired = Ответ не отправлен: с нажатия «Ответить» прошло слишком много времени. Откройте отзыв и нажмите кнопку ещё раз.

## Analytics

analytics-period = { $days } дн.
analytics-title =
    📈 <b>Аналитика</b> · { $cabinet }
    <i>{ $days } дн.: { $from }–{ $to }, сравнение с { $pfrom }–{ $pto }</i>
analytics-body =
    🛒 Заказы: <b>{ $orders }</b> шт. на <b>{ $ordersSum }</b> ({ $ordersGrowth })
    ❌ Отмены: { $cancels } ({ $cancelShare } заказов)
    ✅ Выкупы: <b>{ $sales }</b> шт. на <b>{ $salesSum }</b> ({ $salesGrowth })
    ↩️ Возвраты: { $returns } шт. на { $returnsSum }
    📦 Процент выкупа: { $buyout }
    🧾 Средний чек заказа: { $avgCheck }
    💰 К перечислению за выкупы: <b>{ $forPay }</b>
analytics-by-day =
    <b>Заказы по дням</b>
    { $lines }
analytics-by-week =
    <b>Заказы по неделям</b>
    { $lines }
analytics-top =
    🏆 <b>Топ товаров по сумме заказов</b>
    { $lines }
analytics-top-line = { $n }. <code>{ $article }</code>{ HAS($title) ->
        [no] {""}
       *[yes] {" "}{ $title }
    } — { $count } шт., { $sum }
analytics-no-top = 🏆 Данных по товарам за этот период пока нет.

## Sync

sync-title =
    🔁 <b>Синхронизация с WB</b> · { $cabinet }
    <i>состояние на { $at }</i>
sync-line = { $mark } <b>{ $label }</b>: { $loaded ->
        [1] { $when }, строк: { $rows }
       *[0] ещё не загружались
    }{ $running ->
        [1] {" "}— идёт загрузка…
       *[0] {""}
    }
sync-backfill = {"   "}история за 90 дней: { $bar } { $percent }
sync-error = {"   "}❗ { $error }
sync-paused = ⛔ Синхронизация приостановлена: { $reason }
sync-now-toast = Запустил обновление
sync-now-enqueued = ⚡ Запущено: { $list }
sync-now-delayed = ⏱ { $dataset } — { $when } (так позволяют лимиты WB)
sync-now-in-flight = 🔄 Уже загружаются: { $list }
sync-now-unavailable = ⛔ { $dataset }: { $reason }
dataset-cards = Карточки товаров
dataset-prices = Цены и скидки
dataset-orders = Заказы
dataset-sales = Продажи и возвраты
dataset-stocks = Остатки
dataset-feedbacks = Отзывы
dataset-questions = Вопросы
dataset-finance = Финансовый отчёт

## Cabinets and members

cabinets-title = 🗂 <b>Ваши кабинеты</b> (нажмите, чтобы переключиться)
cabinets-empty = Кабинетов пока нет.
cabinets-line = { $active ->
        [1] ✅
       *[0] ▫️
    } <b>{ $name }</b>{ $demo ->
        [1] {" "}(демо)
       *[0] {""}
    } — { $role }{ HAS($status) ->
        [no] {""}
       *[yes] {" "}· { $status }
    }
cabinet-status-token_invalid = ⛔ токен недействителен
cabinet-status-paused = ⏸ приостановлен
cabinet-switched = Открыт кабинет «{ $name }»
members-title = 👥 <b>Участники кабинета «{ $cabinet }»</b>
members-line = { $mark } { $name }{ $username } — { $role }{ $you ->
        [1] {" "}(вы)
       *[0] {""}
    }
members-owner-hint = Пригласите сотрудника: менеджер видит всё, отвечает на отзывы и запускает обновление; наблюдатель только смотрит.
members-hint = Приглашать и удалять участников может владелец кабинета.
invite-created =
    🔗 <b>Приглашение в «{ $cabinet }»</b> с ролью «{ $role }».

    Перешлите эту ссылку сотруднику — она откроет бота и добавит его в кабинет:
    { $link }

    Ссылка одноразовая и действует до { $until } (МСК).
member-remove-confirm = Удалить <b>{ $name }</b> из кабинета «{ $cabinet }»? Он перестанет видеть данные и получать уведомления.
member-remove-removed = Участник удалён
member-remove-not_member = Этого участника в кабинете уже нет
member-remove-is_owner = Владельца удалить нельзя
member-removed-notice = Вас удалили из кабинета «<b>{ $cabinet }</b>» в WB Assist.
disconnect-confirm =
    🔌 Отключить кабинет «<b>{ $cabinet }</b>»?

    Токен WB и все загруженные данные (заказы, продажи, остатки, отзывы) будут удалены, участники потеряют доступ. Отменить это нельзя.
disconnected = Кабинет «{ $cabinet }» отключён, данные удалены

## Settings

settings-title = ⚙️ <b>Уведомления</b> · { $cabinet }
settings-saved = ✅ Сохранено.
settings-body =
    { $kinds }

    📦 Предупреждать об остатках, когда запаса меньше <b>{ $days } дн.</b>
    🌙 Тихие часы: <b>{ $quiet }</b> — уведомления придут, когда они закончатся
    🌍 Часовой пояс: <b>{ $zone }</b>

    <i>Кнопки: уведомления вкл/выкл · порог остатков в днях · тихие часы.</i>
kind-new_orders = Новые заказы
kind-stock_low = Остатки заканчиваются
kind-stock_zero = Нулевые остатки
kind-new_reviews = Новые отзывы
kind-new_questions = Вопросы покупателей
kind-sync_problems = Проблемы синхронизации и токена
kind-daily_summary = Ежедневная сводка
kind-weekly_digest = Еженедельный дайджест
kind-short-new_orders = Заказы
kind-short-stock_low = Остатки
kind-short-stock_zero = Нулевые
kind-short-new_reviews = Отзывы
kind-short-new_questions = Вопросы
kind-short-sync_problems = Сбои
kind-short-daily_summary = Сводка
kind-short-weekly_digest = Дайджест
kind-on = Включено: { $kind }
kind-off = Выключено: { $kind }
threshold-set = Порог остатков: { $days } дн.
quiet-off = нет
quiet-off-short = Без тишины
quiet-set = Тихие часы: { $quiet }
quiet-prompt = 🌙 Напишите тихие часы в формате <code>23:00-08:00</code> — в это время уведомления будут ждать.
quiet-invalid = Не понял время. Напишите, например, <code>23:00-08:00</code> или <code>22-7</code>.
tz-prompt = 🌍 Выберите часовой пояс — по нему считаются тихие часы.
tz-set = Часовой пояс: { $zone }
tz-0 = Калининград (UTC+2)
tz-1 = Москва (UTC+3)
tz-2 = Самара (UTC+4)
tz-3 = Екатеринбург (UTC+5)
tz-4 = Омск (UTC+6)
tz-5 = Новосибирск (UTC+7)
tz-6 = Иркутск (UTC+8)
tz-7 = Якутск (UTC+9)
tz-8 = Владивосток (UTC+10)
tz-9 = Магадан (UTC+11)
tz-10 = Камчатка (UTC+12)

## Help

help =
    ℹ️ <b>WB Assist — помощник продавца Wildberries</b>

    /dashboard — сводка: заказы сегодня и вчера, остатки, отзывы
    /orders — последние заказы, отмены
    /stocks — остатки и на сколько дней их хватит, критичные сверху
    /reviews — отзывы: сначала без ответа, фильтр по оценке, ответ прямо из чата
    /questions — вопросы покупателей и ответы на них
    /analytics — продажи за 7, 30 и 90 дней и топ товаров
    /ai — ИИ-ассистент: вопросы о продажах, остатках, отзывах и правилах WB
    /cardtext — название и описание карточки от ИИ
    /sync — когда данные обновлялись, загрузка истории, «обновить сейчас»
    /cabinets — переключить кабинет, пригласить сотрудника
    /settings — уведомления, порог остатков, тихие часы
    /connect — подключить кабинет WB по токену API
    /web — ссылка для входа в веб-кабинет с графиками

    Время везде московское. Цифры обновляются из WB по расписанию с учётом лимитов вашего токена — свежесть указана под каждым блоком.

## Web dashboard sign-in

web-link =
    🌐 <b>Вход в веб-кабинет</b>

    Ссылка одноразовая и действует { $minutes } минут. Не пересылайте её: по ней можно войти в ваши кабинеты.

## Notifications (workers/notifications/render.ts). Each message names its cabinet: a user may be in several.

notify-cabinet = <i>{ $cabinet }{ $demo ->
        [1] {" "}(демо)
       *[0] {""}
    }</i>
notify-orders =
    🛒 <b>{ $count ->
        [1] Новый заказ
       *[other] Новые заказы: { $count }
    }</b> на <b>{ $sum }</b> · { $time }{ $parts ->
        [1] {""}
       *[other] {" "}· часть { $part } из { $parts }
    }
notify-review-negative = ⚠️ <b>Негативный отзыв</b> — стоит ответить
notify-reviews = ⭐ <b>{ $count ->
        [1] Новый отзыв
       *[other] Новые отзывы: { $count }
    }</b>
notify-questions = ❓ <b>{ $count ->
        [1] Новый вопрос покупателя
       *[other] Новые вопросы покупателей: { $count }
    }</b>
notify-stock-zero = ⚫️ <b>Закончились остатки</b> — { $count } разм.
notify-stock-low = 🔴 <b>Скоро закончатся остатки</b> — { $count } разм., запаса меньше чем на { $days } дн.
notify-token-invalid =
    🔑 <b>WB не принимает токен кабинета</b>
    { $cabinet }

    { $reason }
    Синхронизация остановлена. Подключите новый токен: /connect
notify-token-expiring =
    ⏳ <b>Токен WB истекает { $date }</b> — через { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }
    { $cabinet }

    Создайте новый токен в кабинете продавца WB и подключите его (/connect), чтобы данные не перестали обновляться.
notify-dataset-disabled =
    ⚠️ <b>{ $dataset }: WB не отдаёт эти данные с текущим токеном</b>
    { $cabinet }

    { $reason }
    Проверим снова через сутки. Чтобы данные появились, выпустите токен с нужной категорией и подключите его (/connect).
notify-sync-failing =
    ⚠️ <b>Не удаётся обновить: { $dataset }</b> — { $failures } ошибки подряд
    { $cabinet }

    { $reason }
    Повторяем автоматически. Подробности — /sync
notify-daily = ☀️ <b>Доброе утро! Ежедневная сводка</b>
notify-weekly =
    🗓 <b>Итоги недели</b>
    <i>{ $from }–{ $to }, сравнение с { $pfrom }–{ $pto }</i>
notify-footer = <i>Настроить уведомления: /settings</i>

## Analytics: forecast-based stocks, ABC/XYZ, unit economics, cost prices (issue #6)

cmd-cost = Себестоимость товаров для расчёта прибыли
btn-cost-prices = 💰 Себестоимость
btn-stocks-ship = 🚚 Сколько отгрузить
analytics-summary =
    🛒 Заказы: <b>{ $orders }</b> шт. на <b>{ $ordersSum }</b> ({ $ordersGrowth })
    ❌ Отмены: { $cancels }
    ✅ Выкупы: <b>{ $sales }</b> шт. ({ $salesGrowth }), выручка <b>{ $revenue }</b> ({ $revenueGrowth })
    ↩️ Возвраты: { $returns } шт. на { $returnsSum } (доля возвратов { $returnRate })
    📦 Процент выкупа: { $buyout }
    🧾 Средний чек заказа: { $avgCheck }
    💰 К перечислению за выкупы: <b>{ $forPay }</b> ({ $forPayGrowth })
    <i>Прошлый период: { $prevOrders } заказов на { $prevOrdersSum }, выручка { $prevRevenue }</i>
analytics-top-revenue =
    🏆 <b>Топ товаров по выручке</b>
    { $lines }
analytics-top-revenue-line = { $n }. <code>{ $article }</code>{ HAS($title) ->
        [no] {""}
       *[yes] {" "}{ $title }
    } — { $revenue }, { $units } шт. ({ $growth })
analytics-abc =
    🔠 <b>ABC/XYZ</b> за { $from }–{ $to } ({ $weeks } нед.), товаров: { $cards }
    <i>ABC — доля выручки (A — 80 %, B — 15 %, C — 5 %), XYZ — стабильность спроса по неделям. В клетке: товаров · доля выручки.</i>
    <pre>{ $grid }</pre>{ $hasUnclassified ->
        [1] {""}
            Без XYZ (меньше 4 недель продаж): { $unclassified }
       *[0] {""}
    }{ HAS($cell) ->
        [no] {""}
       *[yes] {""}
            💡 <b>{ $cell }</b> ({ $cellShare } % выручки): { $advice }
    }
analytics-abc-none = 🔠 <b>ABC/XYZ</b>: продаж за последние 13 недель пока нет — матрица появится после синхронизации заказов и продаж.
analytics-ue =
    💼 <b>Юнит-экономика</b> за { $from }–{ $to } (финансовый отчёт WB)
    Выручка: <b>{ $revenue }</b>, продано { $units } шт.
    Комиссия WB: { $commission } · эквайринг: { $acquiring }
    Логистика: { $logistics } · хранение: { $storage }
    Штрафы: { $penalties } · прочие удержания: { $other }
    К выплате по товарам: <b>{ $payout }</b> · расходы без привязки к товару: { $shared }
    { $hasProfit ->
        [1] Себестоимость: { $cogs } · прибыль: <b>{ $profit }</b>, маржа { $margin }, на штуку { $perUnit }
       *[0] Прибыль не посчитана: у { $missing } проданных товаров нет себестоимости — нажмите «💰 Себестоимость».
    }{ HAS($note) ->
        [no] {""}
       *[yes] {""}
            ⚠️ { $note }
    }
analytics-ue-none =
    💼 <b>Юнит-экономика</b> за { $from }–{ $to }: строк финансового отчёта WB за этот период нет.{ HAS($note) ->
        [no] {""}
       *[yes] {""}
            ⚠️ { $note }
    }
stocks-fc-title =
    📦 <b>Остатки</b> · { $cabinet }
    Дни запаса — по прогнозу спроса на { $horizon } дн. с { $from }. Порог — { $days } дн.
    🚨 Заканчиваются: <b>{ $alerts }</b> · критичных: <b>{ $critical }</b> · нулевых: <b>{ $zero }</b> · внимание: <b>{ $low }</b> (из { $sizes } размеров)
    🚚 Нужно отгрузить: <b>{ $toShip }</b> размеров
stock-fc-line = { $mark }{ $alert ->
        [1] 🚨
       *[0] {""}
    } <code>{ $article }</code>{ HAS($size) ->
        [no] {""}
       *[yes] , р. { $size }
    } — { $units } шт., { $hasDays ->
        [1] хватит на { $days } дн. (≈{ $perDay } заказа/день)
       *[0] спроса нет
    }{ $ship ->
        [0] {""}
       *[other] , отгрузить <b>{ $shipText }</b> шт.
    }
stocks-fc-footer = <i>Показаны { $from }–{ $to } из { $total }. Дни запаса = (остаток + в пути к покупателю − возвраты в пути) ÷ прогноз заказов в день; дни, когда товара не было, из прогноза исключены. 🚨 — запаса меньше порога, а товар заказывают. Почему столько отгрузить — «🚚 Сколько отгрузить».</i>
stocks-ship-title =
    🚚 <b>Сколько отгрузить</b> · { $cabinet }
    Поставка идёт { $lead } дн., после неё — запас на { $target } дн. продаж и страховой запас на вероятность { $service }.
    Размеров к отгрузке: <b>{ $count }</b>, всего <b>{ $total }</b> шт.
stocks-ship-line =
    { $n }. { $mark } <code>{ $article }</code>{ HAS($size) ->
        [no] {""}
       *[yes] , р. { $size }
    }{ HAS($title) ->
        [no] {""}
       *[yes] {" "}{ $title }
    } — <b>{ $qty } шт.</b>
    <i>{ $reasoning }</i>
stocks-ship-empty = ✅ Отгружать сейчас ничего не нужно: запаса хватает на время поставки и { $target } дн. продаж.
stocks-ship-footer = <i>Показаны { $from }–{ $to } из { $total }. Поставки, которые уже едут на склады WB, не вычтены — WB не отдаёт их по API.</i>
cost-title =
    💰 <b>Себестоимость</b> · { $cabinet }
    Указана для { $set } из { $total } товаров.{ $missing ->
        [0] {""}
       *[other] {" "}⚠️ Без себестоимости продаются { $missing } товаров — прибыль по ним не считается, они сверху.
    }
    { $editable ->
        [1] Нажмите кнопку товара и введите себестоимость одной штуки в рублях. Много товаров удобнее загрузить CSV-файлом в дашборде (/web).
       *[0] Менять себестоимость могут менеджер и владелец кабинета.
    }
cost-line = { $n }. <code>{ $article }</code>{ HAS($title) ->
        [no] {""}
       *[yes] {" "}{ $title }
    } — { $has ->
        [1] <b>{ $cost }</b>
       *[0] не указана
    }{ $sold ->
        [1] {" "}⚠️
       *[0] {""}
    }
cost-btn-item = ✏️ { $n }. { $article }
cost-empty = Товаров пока нет — они появятся после синхронизации карточек с WB (/sync).
cost-missing-alert = Этого товара больше нет в кабинете.
cost-prompt =
    💰 Себестоимость <code>{ $article }</code>{ HAS($title) ->
        [no] {""}
       *[yes] {" "}{ $title }
    } (артикул WB { $nmId })
    Сейчас: { $has ->
        [1] <b>{ $cost }</b>
       *[0] не указана
    }.

    Введите себестоимость одной штуки в рублях, например <code>450</code> или <code>450,50</code>. Чтобы удалить её, отправьте <code>-</code>.
cost-invalid = Не понял сумму «{ $text }». Введите себестоимость одной штуки в рублях числом больше нуля, например <code>450</code> или <code>450,50</code>, или нажмите «Отмена».
cost-too-big = «{ $text }» — больше 1 000 000 ₽ за штуку, похоже на опечатку. Введите себестоимость одной штуки в рублях.
cost-saved = ✅ Себестоимость <code>{ $article }</code> сохранена: <b>{ $cost }</b>. Прибыль в /analytics считается с ней.
cost-removed = 🗑 Себестоимость <code>{ $article }</code> удалена.

## AI assistant (workers/bot/seller/features/ai*.ts, card-text.ts)

cmd-ai = ИИ-ассистент: вопросы о ваших продажах
cmd-cardtext = Текст карточки: название и описание
btn-ai = 🤖 ИИ-ассистент
btn-ai-reset = 🧹 Очистить историю
btn-ai-draft-n = ✨ { $n }
btn-ai-draft-send = ✅ Отправить
btn-ai-draft-edit = ✏️ Изменить
btn-ai-draft-again = 🔄 Другой вариант
btn-ai-settings = 🤖 ИИ-ответы на отзывы
btn-ai-signature = ✍️ Подпись
btn-ai-signature-clear = ✖️ Убрать подпись
btn-ai-auto-on = ▶️ Включить автоответ на 4–5★
btn-ai-auto-off = ⏸ Выключить автоответ на 4–5★
ai-intro =
    🤖 <b>ИИ-ассистент</b> · { $cabinet }

    Спросите о продажах, остатках, отзывах, прибыли или правилах WB — я отвечу по данным этого кабинета и назову цифры, на которые опираюсь. Пишите вопросы обычными сообщениями; любая команда завершает диалог.

    Осталось запросов сегодня: <b>{ $remaining }</b> из { $limit } (обновится { $resets } МСК).
ai-example-0 = Сколько заказов за 7 дней?
ai-example-1 = Какие товары в топе за месяц?
ai-example-2 = Что пишут в отзывах за месяц?
ai-used-data = 📊 Данные: { $tools }
ai-used-sources = 📚 Источники: { $sources }
ai-remaining = Осталось запросов сегодня: { $remaining } из { $limit }
ai-failed = ❌ { $reason } Попробуйте ещё раз.
ai-reset-done = 🧹 История диалога очищена. Новый вопрос — /ai
ai-draft-working = ✨ Готовлю черновик…
ai-draft =
    ✨ <b>Черновик ответа</b>

    { $text }

    Проверьте текст: «Отправить» — ответ уйдёт в WB, «Изменить» — напишите свой вариант.
ai-draft-used = Этот черновик уже отправлен или заменён.
ai-draft-copy =
    Черновик, чтобы скопировать и поправить:
    <code>{ $text }</code>
cardtext-usage = Напишите артикул: <code>/cardtext 123456789</code> (nmID) или <code>/cardtext KR-0202/черный</code> (артикул продавца).
cardtext-not-found = Товар «{ $article }» не найден в этом кабинете.
cardtext-result =
    📝 <b>Текст карточки</b> · nmID { $nm } · арт. { $article }

    <b>Название</b> ({ $titleLength }/{ $titleLimit }):
    <code>{ $title }</code>

    <b>Описание</b> ({ $descriptionLength }/{ $descriptionLimit }):
    <code>{ $description }</code>
    { $warnings }

    Нажмите на текст, чтобы скопировать. В карточку WB он попадёт, только когда вы вставите его сами.
ai-settings =
    🤖 <b>ИИ-ответы на отзывы</b> · { $cabinet }

    Тон черновиков: <b>{ $tone }</b>
    Подпись: { $signature }
    Автоответ на отзывы 4–5★: <b>{ $auto }</b>

    Отзывы на 1–3★ — всегда черновик на согласование: ИИ не отвечает на них сам. Автоответ касается только отзывов, пришедших после включения; на один отзыв уходит не больше одного ответа.
ai-settings-viewer = Менять эти настройки могут владелец и менеджеры.
ai-tone-friendly = дружелюбный
ai-tone-formal = официальный
ai-tone-brief = краткий
ai-signature-none = нет
ai-auto-on = включён
ai-auto-off = выключен
ai-signature-prompt = Напишите подпись для ответов (до { $max } символов), например: «С уважением, команда бренда».
ai-signature-bad = Подпись должна быть от 1 до { $max } символов. Напишите ещё раз.
