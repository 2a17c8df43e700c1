# The printed receipt, Karakalpak (Latin script).
# A message missing here falls back to uz-Latn; each such fallback is written out as a
# comment line "# fallback uz-Latn: <key>" (a test checks this). Today every message is
# translated.
receipt-title = Arza qabıl etildi
receipt-demo = DEMO TÚBIRTEK: arza hesh bir mákemege jiberilmeydi.
receipt-mahalla = Máhálle: { $mahalla }
receipt-terminal = Terminal: { $terminal }
receipt-service = Xızmet
receipt-appeal = Múrájat
receipt-code = Túbirtek kodı
receipt-issued = Sánesi hám waqtı: { $issued }
receipt-collect = Nátiyjeni alıw ornı
receipt-check = Jaǵdayın tekseriw: QR-kodtı telefonıńız benen skanerleń yamasa kodtı qálegen máhálle terminalında kiritiń.
test-title = Printerdi tekseriw
test-letters = Áá Ǵǵ Iı Ńń Óó Úú Ww
slip-title = Arza jaǵdayı
slip-printed = Basıp shıǵarılǵan: { $printed }
