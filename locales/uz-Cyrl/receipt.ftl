# The printed receipt, Uzbek (Cyrillic script).
receipt-title = Ариза қабул қилинди
receipt-mahalla = Маҳалла: { $mahalla }
receipt-terminal = Терминал: { $terminal }
receipt-service = Хизмат
receipt-appeal = Мурожаат
receipt-code = Квитанция коди
receipt-issued = Сана ва вақт: { $issued }
receipt-collect = Натижани олиш жойи
receipt-check = Ҳолатини исталган терминалда текширинг: QR кодни сканерланг ёки кодни киритинг.
test-title = Принтер синови
test-letters = Ўў Ққ Ғғ Ҳҳ Ёё Ъъ Соғлиқ
