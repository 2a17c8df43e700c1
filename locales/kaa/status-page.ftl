# The page a phone opens from a receipt's QR code, Karakalpak (Latin script).
# A message missing here falls back to uz-Latn; each such fallback is written out as a
# comment line "# fallback uz-Latn: <key>" (a test checks this). Today every message is
# translated.
status-page-title = Múrájattıń jaǵdayı
status-page-code = Túbirtek kodı
status-page-service = Xızmet
status-page-mahalla = Máhálle
status-page-submitted = Jiberilgen sánesi
status-page-now = Házirgi jaǵdayı
status-page-history = Tariyxı
status-page-answer = Mákemeniń juwabı
status-page-no-answer = Juwap ele joq. Ol tayın bolǵanda usı bette hám arza berilgen terminalda kórinedi.
status-page-languages = Basqa tiller
status-page-not-found-title = Túbirtek tabılmadı
status-page-not-found = Bunday kodlı haqıyqıy túbirtek belgisiz. QR-kodtı qaytadan skanerleń yamasa máhálle keńsesine múrájat etiń.
status-page-private = Bul bette jeke maǵlıwmatlar kórsetilmeydi.
status-received = Qabıl etildi
status-in-review = Kórip shıǵılmaqta
status-needs-information = Qosımsha maǵlıwmat kerek
status-approved = Maqullandı
status-rejected = Biykarlandı
status-completed = Orınlandı
