# The printed receipt, English.
receipt-title = Application received
receipt-demo = DEMO RECEIPT: not sent to any agency.
receipt-mahalla = Mahalla: { $mahalla }
receipt-terminal = Terminal: { $terminal }
receipt-service = Service
receipt-appeal = Appeal
receipt-code = Receipt code
receipt-issued = Date and time: { $issued }
receipt-collect = Where to collect the result
receipt-check = Check the status: scan the QR code with your phone, or enter the code at any mahalla terminal.
test-title = Printer test
test-letters = Aa Qq Ww Xx Zz 0123456789
slip-title = Application status
slip-printed = Printed: { $printed }
