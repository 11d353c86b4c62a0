"""The demo guides' texts (data only; loaded by demo/guides.py).

Facts are deliberately general and each guide links to the authority that decides.
"""

# ruff: noqa: E501

SKV = ("Skatteverket", "Swedish Tax Agency (Skatteverket)", "https://www.skatteverket.se/")
MIG = (
    "Migrationsverket",
    "Swedish Migration Agency (Migrationsverket)",
    "https://www.migrationsverket.se/",
)
FK = (
    "Försäkringskassan",
    "Swedish Social Insurance Agency (Försäkringskassan)",
    "https://www.forsakringskassan.se/",
)
V1177 = ("1177 – sjukvårdsrådgivning", "1177 – healthcare advice", "https://www.1177.se/")
RJH = ("Region Jämtland Härjedalen", "Region Jämtland Härjedalen", "https://www.regionjh.se/")
AF = (
    "Arbetsförmedlingen",
    "Swedish Public Employment Service (Arbetsförmedlingen)",
    "https://arbetsformedlingen.se/",
)
UHR = (
    "Universitets- och högskolerådet (UHR)",
    "Swedish Council for Higher Education (UHR)",
    "https://www.uhr.se/",
)
SOS = (
    "Socialstyrelsen – legitimation",
    "National Board of Health and Welfare – licences",
    "https://www.socialstyrelsen.se/",
)
TS = (
    "Transportstyrelsen",
    "Swedish Transport Agency (Transportstyrelsen)",
    "https://www.transportstyrelsen.se/",
)
TRV = (
    "Trafikverket – trafikläget",
    "Swedish Transport Administration – road conditions",
    "https://www.trafikverket.se/",
)
VERKSAMT = ("Verksamt.se", "Verksamt.se (starting a business)", "https://www.verksamt.se/")
BOLAG = (
    "Bolagsverket",
    "Swedish Companies Registration Office (Bolagsverket)",
    "https://bolagsverket.se/",
)
SKOLV = (
    "Skolverket",
    "Swedish National Agency for Education (Skolverket)",
    "https://www.skolverket.se/",
)
PENS = (
    "Pensionsmyndigheten",
    "Swedish Pensions Agency (Pensionsmyndigheten)",
    "https://www.pensionsmyndigheten.se/",
)
NV = (
    "Naturvårdsverket – allemansrätten",
    "Swedish Environmental Protection Agency – right of public access",
    "https://www.naturvardsverket.se/",
)
INFO = (
    "Information Sverige",
    "Information Sweden (informationsverige.se)",
    "https://www.informationsverige.se/",
)
ARE = ("Åre kommun", "Åre Municipality", "https://www.are.se/")
OSD = ("Östersunds kommun", "Östersund Municipality", "https://www.ostersund.se/")
MIUN = ("Mittuniversitetet", "Mid Sweden University", "https://www.miun.se/")
UADM = (
    "Antagning.se / Universityadmissions.se",
    "University Admissions in Sweden",
    "https://www.universityadmissions.se/",
)
BOV = (
    "Boverket",
    "National Board of Housing, Building and Planning (Boverket)",
    "https://www.boverket.se/",
)
BANKID = ("BankID", "BankID", "https://www.bankid.com/")
E112 = ("SOS Alarm – 112", "SOS Alarm – 112", "https://www.112.se/")
EURES = ("EURES – jobb i EU", "EURES – jobs in Europe", "https://eures.europa.eu/")

GUIDES = [
    # --- the ten "first weeks" essentials (also de, uk, ar: machine translated) ----------
    {
        "subject": "arrival-checklist",
        "slug": "first-weeks-checklist",
        "topic": "registration-id-bank",
        "stage": "first_weeks",
        "links": [INFO, SKV],
        "texts": {
            "sv": (
                "Dina första veckor: en checklista",
                "Det viktigaste att ordna när du just har kommit till Jämtland Härjedalen.",
                """
## I rätt ordning
1. Anmäl flytt till Sverige hos Skatteverket (folkbokföring). Då får du ett personnummer.
2. Ansök om id-kort hos Skatteverket när du har fått personnummer.
3. Öppna ett bankkonto och skaffa BankID.
4. Välj en vårdcentral via 1177.
5. Anmäl dig till Försäkringskassan och till SFI om du vill lära dig svenska.

## Har du barn?
Ansök om plats i förskola eller skola hos din kommun så snart ni vet var ni ska bo.
""",
            ),
            "en": (
                "Your first weeks: a checklist",
                "The most important things to arrange when you have just arrived in Jämtland Härjedalen.",
                """
## In the right order
1. Register your move to Sweden with the Swedish Tax Agency (population registration). You then get a personal identity number (personnummer).
2. Apply for an ID card at the Tax Agency once you have a personnummer.
3. Open a bank account and get BankID.
4. Choose a health centre through 1177.
5. Contact the Social Insurance Agency, and sign up for SFI if you want to learn Swedish.

## Do you have children?
Apply for a place in preschool or school with your municipality as soon as you know where you will live.
""",
            ),
            "de": (
                "Ihre ersten Wochen: eine Checkliste",
                "Das Wichtigste, das Sie gleich nach Ihrer Ankunft in Jämtland Härjedalen erledigen sollten.",
                """
## In der richtigen Reihenfolge
1. Melden Sie Ihren Umzug nach Schweden beim Finanzamt Skatteverket an (Folkbokföring). Danach erhalten Sie eine Personennummer (personnummer).
2. Beantragen Sie einen Personalausweis bei Skatteverket, sobald Sie eine Personennummer haben.
3. Eröffnen Sie ein Bankkonto und besorgen Sie sich BankID.
4. Wählen Sie über 1177 eine Gesundheitszentrale (vårdcentral).
5. Wenden Sie sich an die Sozialversicherungskasse und melden Sie sich zum SFI-Sprachkurs an, wenn Sie Schwedisch lernen möchten.

## Haben Sie Kinder?
Beantragen Sie einen Platz in Vorschule oder Schule bei Ihrer Gemeinde, sobald Sie wissen, wo Sie wohnen werden.
""",
            ),
            "uk": (
                "Ваші перші тижні: контрольний список",
                "Найважливіше, що потрібно зробити одразу після приїзду до Ємтланд-Герьєдалена.",
                """
## У правильному порядку
1. Зареєструйте свій переїзд до Швеції в Податковій службі Skatteverket (реєстрація населення). Після цього ви отримаєте персональний ідентифікаційний номер (personnummer).
2. Подайте заяву на ID-картку в Skatteverket, коли отримаєте personnummer.
3. Відкрийте банківський рахунок і отримайте BankID.
4. Виберіть медичний центр через 1177.
5. Зверніться до Каси соціального страхування та запишіться на курси SFI, якщо хочете вивчати шведську.

## У вас є діти?
Подайте заяву на місце в дитячому садку або школі до своєї комуни, щойно знатимете, де будете жити.
""",
            ),
            "ar": (
                "أسابيعك الأولى: قائمة مراجعة",
                "أهم الأمور التي يجب ترتيبها عند وصولك حديثًا إلى يمتلاند هارييدالن.",
                """
## بالترتيب الصحيح
1. سجّل انتقالك إلى السويد لدى مصلحة الضرائب Skatteverket (تسجيل السكان). بعد ذلك تحصل على الرقم الشخصي (personnummer).
2. قدّم طلب بطاقة الهوية لدى مصلحة الضرائب بعد حصولك على الرقم الشخصي.
3. افتح حسابًا مصرفيًا واحصل على BankID.
4. اختر مركزًا صحيًا عبر 1177.
5. تواصل مع صندوق التأمينات الاجتماعية، وسجّل في دورة SFI إذا أردت تعلّم السويدية.

## هل لديك أطفال؟
قدّم طلبًا للحصول على مكان في الروضة أو المدرسة لدى بلديتك فور معرفتك مكان سكنك.
""",
            ),
        },
    },
    {
        "subject": "population-registration",
        "slug": "personnummer-population-registration",
        "topic": "registration-id-bank",
        "stage": "first_weeks",
        "links": [SKV],
        "texts": {
            "sv": (
                "Personnummer och folkbokföring",
                "Så anmäler du flytt till Sverige hos Skatteverket och får ett personnummer.",
                """
## Vem kan folkbokföras?
Du som ska bo i Sverige i minst ett år folkbokförs normalt. Kommer du från ett land utanför EU/EES behöver du oftast ett uppehållstillstånd. Som EU/EES-medborgare behöver du uppehållsrätt, till exempel genom arbete eller studier.

## Så gör du
Anmäl flytten till Sverige hos Skatteverket och besök ett av Skatteverkets servicekontor för att visa ditt pass. Ta med de handlingar Skatteverket ber om, till exempel anställningsavtal eller tillstånd. Skatteverket beslutar och skickar beslutet med ditt personnummer per post.

## Varför det är viktigt
Personnumret behövs för bank, vård, id-kort, Försäkringskassan och SFI.
""",
            ),
            "en": (
                "Personal identity number (personnummer) and population registration",
                "How to register your move to Sweden with the Swedish Tax Agency and get a personnummer.",
                """
## Who can be registered?
If you will live in Sweden for at least one year, you are normally registered. Citizens of countries outside the EU/EEA usually need a residence permit. EU/EEA citizens need a right of residence, for example through work or studies.

## How to do it
Notify the Swedish Tax Agency (Skatteverket) of your move to Sweden and visit one of its service offices to show your passport. Bring the documents the Tax Agency asks for, such as an employment contract or a permit. The Tax Agency decides and sends its decision with your personnummer by post.

## Why it matters
You need the personnummer for a bank account, healthcare, an ID card, social insurance and SFI.
""",
            ),
            "de": (
                "Personennummer (personnummer) und Meldewesen",
                "So melden Sie Ihren Umzug nach Schweden beim Finanzamt Skatteverket und erhalten eine Personennummer.",
                """
## Wer kann gemeldet werden?
Wer mindestens ein Jahr in Schweden wohnen wird, wird in der Regel gemeldet. Bürger von Ländern außerhalb der EU/des EWR brauchen meist eine Aufenthaltserlaubnis. EU/EWR-Bürger brauchen ein Aufenthaltsrecht, zum Beispiel durch Arbeit oder Studium.

## So gehen Sie vor
Melden Sie Ihren Umzug nach Schweden bei Skatteverket und besuchen Sie eines seiner Servicebüros, um Ihren Pass vorzuzeigen. Bringen Sie die verlangten Unterlagen mit, etwa einen Arbeitsvertrag oder eine Erlaubnis. Skatteverket entscheidet und schickt Ihnen den Bescheid mit Ihrer Personennummer per Post.

## Warum das wichtig ist
Sie brauchen die Personennummer für Bankkonto, Gesundheitsversorgung, Ausweis, Sozialversicherung und SFI.
""",
            ),
            "uk": (
                "Персональний номер (personnummer) і реєстрація населення",
                "Як зареєструвати переїзд до Швеції в Податковій службі та отримати personnummer.",
                """
## Кого можна зареєструвати?
Якщо ви житимете у Швеції щонайменше один рік, вас зазвичай реєструють. Громадянам країн поза ЄС/ЄЕЗ зазвичай потрібен дозвіл на проживання. Громадянам ЄС/ЄЕЗ потрібне право на проживання, наприклад через роботу чи навчання.

## Як це зробити
Повідомте Податкову службу (Skatteverket) про свій переїзд до Швеції та відвідайте один з її сервісних офісів, щоб показати паспорт. Візьміть документи, які просить Податкова служба, наприклад трудовий договір або дозвіл. Податкова служба ухвалює рішення й надсилає його з вашим personnummer поштою.

## Чому це важливо
Personnummer потрібен для банківського рахунку, медичної допомоги, ID-картки, соціального страхування та SFI.
""",
            ),
            "ar": (
                "الرقم الشخصي (personnummer) وتسجيل السكان",
                "كيف تسجّل انتقالك إلى السويد لدى مصلحة الضرائب وتحصل على الرقم الشخصي.",
                """
## من يمكن تسجيله؟
إذا كنت ستعيش في السويد لمدة سنة على الأقل، فعادةً ما يتم تسجيلك. يحتاج مواطنو الدول من خارج الاتحاد الأوروبي/المنطقة الاقتصادية الأوروبية عادةً إلى تصريح إقامة. ويحتاج مواطنو الاتحاد الأوروبي إلى حق الإقامة، مثلًا من خلال العمل أو الدراسة.

## كيف تقوم بذلك
أبلغ مصلحة الضرائب (Skatteverket) بانتقالك إلى السويد، وقم بزيارة أحد مكاتب الخدمة لديها لإظهار جواز سفرك. أحضر الوثائق التي تطلبها المصلحة، مثل عقد العمل أو التصريح. تتخذ المصلحة القرار وترسله مع رقمك الشخصي بالبريد.

## لماذا هذا مهم
تحتاج إلى الرقم الشخصي لفتح حساب مصرفي والرعاية الصحية وبطاقة الهوية والتأمين الاجتماعي ودورة SFI.
""",
            ),
        },
    },
    {
        "subject": "coordination-number",
        "slug": "coordination-number",
        "topic": "registration-id-bank",
        "stage": "first_weeks",
        "links": [SKV],
        "texts": {
            "sv": (
                "Samordningsnummer",
                "Ett id-nummer för dig som inte folkbokförs, till exempel om du arbetar här kortare tid än ett år.",
                """
## Vad är ett samordningsnummer?
Ett samordningsnummer är ett identitetsnummer för personer som inte är eller har varit folkbokförda i Sverige. Det används bland annat för skatt och för kontakter med myndigheter.

## Hur får man det?
Skatteverket tilldelar samordningsnummer. Ofta begär en myndighet eller arbetsgivare numret åt dig. Läs på Skatteverkets webbplats vem som kan begära det och om du behöver styrka din identitet på ett servicekontor.

## Bra att veta
Med ett samordningsnummer kan det vara svårare att öppna bankkonto och få BankID än med ett personnummer.
""",
            ),
            "en": (
                "Coordination number (samordningsnummer)",
                "An identity number for people who are not registered in Sweden, for example if you work here for less than a year.",
                """
## What is a coordination number?
A coordination number is an identity number for people who are not, or have not been, registered in the Swedish population register. It is used for tax and in contacts with authorities, among other things.

## How do you get one?
The Swedish Tax Agency assigns coordination numbers. Often an authority or an employer requests the number for you. Read on the Tax Agency's website who can request it and whether you need to prove your identity at a service office.

## Good to know
With a coordination number it can be harder to open a bank account and get BankID than with a personnummer.
""",
            ),
            "de": (
                "Koordinierungsnummer (samordningsnummer)",
                "Eine Identitätsnummer für Personen, die nicht in Schweden gemeldet sind, zum Beispiel bei einer Arbeit von weniger als einem Jahr.",
                """
## Was ist eine Koordinierungsnummer?
Eine Koordinierungsnummer ist eine Identitätsnummer für Personen, die nicht im schwedischen Melderegister eingetragen sind oder waren. Sie wird unter anderem für Steuern und im Kontakt mit Behörden verwendet.

## Wie bekommt man sie?
Skatteverket vergibt Koordinierungsnummern. Oft beantragt eine Behörde oder ein Arbeitgeber die Nummer für Sie. Auf der Website von Skatteverket steht, wer sie beantragen kann und ob Sie Ihre Identität in einem Servicebüro nachweisen müssen.

## Gut zu wissen
Mit einer Koordinierungsnummer kann es schwieriger sein, ein Bankkonto zu eröffnen und BankID zu bekommen.
""",
            ),
            "uk": (
                "Координаційний номер (samordningsnummer)",
                "Ідентифікаційний номер для тих, хто не зареєстрований у Швеції, наприклад якщо ви працюєте тут менше року.",
                """
## Що таке координаційний номер?
Координаційний номер — це ідентифікаційний номер для осіб, які не зареєстровані або не були зареєстровані у шведському реєстрі населення. Його використовують, зокрема, для податків і контактів з органами влади.

## Як його отримати?
Координаційні номери присвоює Податкова служба. Часто номер для вас запитує державний орган або роботодавець. На сайті Податкової служби описано, хто може його запитати і чи потрібно підтвердити особу в сервісному офісі.

## Корисно знати
З координаційним номером може бути важче відкрити банківський рахунок і отримати BankID, ніж з personnummer.
""",
            ),
            "ar": (
                "رقم التنسيق (samordningsnummer)",
                "رقم هوية لمن لا يتم تسجيلهم في السويد، مثلًا إذا كنت تعمل هنا أقل من سنة.",
                """
## ما هو رقم التنسيق؟
رقم التنسيق هو رقم هوية للأشخاص غير المسجلين أو الذين لم يسبق تسجيلهم في سجل السكان السويدي. ويُستخدم من بين أمور أخرى للضرائب والتواصل مع السلطات.

## كيف تحصل عليه؟
تمنح مصلحة الضرائب أرقام التنسيق. وغالبًا ما تطلب سلطة أو جهة عمل الرقم نيابةً عنك. اقرأ على موقع مصلحة الضرائب من يمكنه طلبه وما إذا كان عليك إثبات هويتك في مكتب خدمة.

## من الجيد أن تعرف
قد يكون فتح حساب مصرفي والحصول على BankID أصعب برقم التنسيق منه بالرقم الشخصي.
""",
            ),
        },
    },
    {
        "subject": "id-card",
        "slug": "swedish-id-card",
        "topic": "registration-id-bank",
        "stage": "first_weeks",
        "links": [SKV],
        "texts": {
            "sv": (
                "Id-kort från Skatteverket",
                "Du som är folkbokförd i Sverige kan ansöka om ett id-kort hos Skatteverket.",
                """
## Vem kan få id-kort?
Skatteverkets id-kort kan du få om du är folkbokförd i Sverige. Ett svenskt id-kort gör det lättare att öppna bankkonto och skaffa BankID.

## Så ansöker du
Betala avgiften och boka tid eller besök ett servicekontor. Ta med ett giltigt pass eller annan handling som Skatteverket godtar. Skatteverket tar foto på plats.

## Hur lång tid tar det?
Det tar oftast några veckor. Kortet hämtar du på det servicekontor du valde.
""",
            ),
            "en": (
                "ID card from the Swedish Tax Agency",
                "If you are registered in Sweden, you can apply for an ID card at the Swedish Tax Agency.",
                """
## Who can get an ID card?
You can get the Tax Agency's ID card if you are registered in Sweden. A Swedish ID card makes it easier to open a bank account and get BankID.

## How to apply
Pay the fee and book a time or visit a service office. Bring a valid passport or another document the Tax Agency accepts. The Tax Agency takes your photo on site.

## How long does it take?
It usually takes a few weeks. You collect the card at the service office you chose.
""",
            ),
            "de": (
                "Personalausweis von Skatteverket",
                "Wer in Schweden gemeldet ist, kann bei Skatteverket einen Personalausweis beantragen.",
                """
## Wer kann einen Ausweis bekommen?
Den Ausweis von Skatteverket erhalten Sie, wenn Sie in Schweden gemeldet sind. Ein schwedischer Ausweis erleichtert die Kontoeröffnung und BankID.

## So beantragen Sie ihn
Bezahlen Sie die Gebühr und buchen Sie einen Termin oder besuchen Sie ein Servicebüro. Bringen Sie einen gültigen Pass oder ein anderes anerkanntes Dokument mit. Das Foto wird vor Ort gemacht.

## Wie lange dauert es?
Meist einige Wochen. Sie holen den Ausweis im gewählten Servicebüro ab.
""",
            ),
            "uk": (
                "ID-картка від Податкової служби",
                "Якщо ви зареєстровані у Швеції, можете подати заяву на ID-картку в Податковій службі.",
                """
## Хто може отримати ID-картку?
ID-картку Податкової служби можна отримати, якщо ви зареєстровані у Швеції. Шведська ID-картка полегшує відкриття банківського рахунку та отримання BankID.

## Як подати заяву
Сплатіть збір і запишіться на прийом або відвідайте сервісний офіс. Візьміть дійсний паспорт або інший документ, який приймає Податкова служба. Фото роблять на місці.

## Скільки це триває?
Зазвичай кілька тижнів. Картку ви забираєте в обраному сервісному офісі.
""",
            ),
            "ar": (
                "بطاقة الهوية من مصلحة الضرائب",
                "إذا كنت مسجلًا في السويد، يمكنك التقدم بطلب بطاقة هوية لدى مصلحة الضرائب.",
                """
## من يمكنه الحصول على بطاقة هوية؟
يمكنك الحصول على بطاقة الهوية من مصلحة الضرائب إذا كنت مسجلًا في السويد. تسهّل بطاقة الهوية السويدية فتح حساب مصرفي والحصول على BankID.

## كيف تقدّم الطلب
ادفع الرسوم واحجز موعدًا أو قم بزيارة مكتب خدمة. أحضر جواز سفر ساريًا أو وثيقة أخرى تقبلها المصلحة. تُلتقط صورتك في المكتب.

## كم يستغرق ذلك؟
عادةً بضعة أسابيع. تستلم البطاقة من مكتب الخدمة الذي اخترته.
""",
            ),
        },
    },
    {
        "subject": "bank-account-bankid",
        "slug": "bank-account-and-bankid",
        "topic": "registration-id-bank",
        "stage": "first_weeks",
        "links": [BANKID, INFO],
        "texts": {
            "sv": (
                "Bankkonto och BankID",
                "Så öppnar du ett bankkonto och skaffar BankID, den e-legitimation som används nästan överallt i Sverige.",
                """
## Bankkonto
Lön betalas nästan alltid in på ett bankkonto. Som lagligt bosatt i EU har du rätt till ett betalkonto med grundläggande funktioner. Banken ställer ändå frågor om vem du är och varifrån pengarna kommer – det är lagkrav.

## BankID
BankID är en e-legitimation som du använder för att logga in hos myndigheter, vården och banken. Du får BankID från din bank. Oftast krävs personnummer och en giltig id-handling, ofta ett svenskt id-kort.

## Tips
Ta med pass, anställningsavtal och beslutet om folkbokföring till banken.
""",
            ),
            "en": (
                "Bank account and BankID",
                "How to open a bank account and get BankID, the electronic ID used almost everywhere in Sweden.",
                """
## Bank account
Salaries are almost always paid into a bank account. If you are legally resident in the EU, you have the right to a payment account with basic features. Banks still ask who you are and where your money comes from – the law requires it.

## BankID
BankID is an electronic identification you use to log in to authorities, healthcare and your bank. You get BankID from your bank. Usually you need a personnummer and a valid identity document, often a Swedish ID card.

## Tips
Bring your passport, employment contract and the population registration decision to the bank.
""",
            ),
            "de": (
                "Bankkonto und BankID",
                "So eröffnen Sie ein Bankkonto und erhalten BankID, die elektronische Identifikation, die in Schweden fast überall genutzt wird.",
                """
## Bankkonto
Gehälter werden fast immer auf ein Bankkonto überwiesen. Wer sich rechtmäßig in der EU aufhält, hat Anspruch auf ein Zahlungskonto mit grundlegenden Funktionen. Banken fragen trotzdem, wer Sie sind und woher Ihr Geld stammt – das schreibt das Gesetz vor.

## BankID
BankID ist eine elektronische Identifikation für Behörden, Gesundheitsversorgung und Bank. Sie erhalten BankID von Ihrer Bank. Meist brauchen Sie eine Personennummer und einen gültigen Ausweis, oft einen schwedischen.

## Tipps
Bringen Sie Pass, Arbeitsvertrag und den Meldebescheid zur Bank mit.
""",
            ),
            "uk": (
                "Банківський рахунок і BankID",
                "Як відкрити банківський рахунок і отримати BankID — електронний ідентифікатор, який у Швеції використовують майже всюди.",
                """
## Банківський рахунок
Зарплату майже завжди перераховують на банківський рахунок. Якщо ви законно проживаєте в ЄС, маєте право на платіжний рахунок з базовими функціями. Банки все одно запитують, хто ви і звідки ваші гроші, — цього вимагає закон.

## BankID
BankID — це електронна ідентифікація для входу до державних органів, медичних служб і банку. BankID видає ваш банк. Зазвичай потрібні personnummer і дійсний документ, часто шведська ID-картка.

## Поради
Візьміть до банку паспорт, трудовий договір і рішення про реєстрацію.
""",
            ),
            "ar": (
                "الحساب المصرفي وBankID",
                "كيف تفتح حسابًا مصرفيًا وتحصل على BankID، الهوية الإلكترونية المستخدمة في كل مكان تقريبًا في السويد.",
                """
## الحساب المصرفي
تُدفع الرواتب دائمًا تقريبًا إلى حساب مصرفي. إذا كنت مقيمًا بشكل قانوني في الاتحاد الأوروبي، فلك الحق في حساب دفع بوظائف أساسية. ومع ذلك يسألك البنك عن هويتك ومصدر أموالك، فالقانون يفرض ذلك.

## BankID
BankID هوية إلكترونية تستخدمها لتسجيل الدخول إلى السلطات والرعاية الصحية والبنك. تحصل عليها من بنكك. وغالبًا ما تحتاج إلى الرقم الشخصي ووثيقة هوية سارية، وغالبًا بطاقة هوية سويدية.

## نصائح
أحضر جواز سفرك وعقد العمل وقرار تسجيل السكان إلى البنك.
""",
            ),
        },
    },
    {
        "subject": "health-centre",
        "slug": "health-centre-and-1177",
        "topic": "healthcare",
        "stage": "first_weeks",
        "links": [V1177, RJH],
        "texts": {
            "sv": (
                "Vårdcentral och 1177",
                "Så får du vård i Jämtland Härjedalen: välj vårdcentral och ring 1177 för råd.",
                """
## Välj en vårdcentral
Vårdcentralen är dit du vänder dig först när du blir sjuk. Region Jämtland Härjedalen ansvarar för hälso- och sjukvården i länet. Du väljer vårdcentral via 1177.se.

## Ring 1177
På telefonnummer 1177 får du sjukvårdsrådgivning dygnet runt. Du kan be om tolk.

## Vad kostar det?
Vuxna betalar en patientavgift. Det finns ett högkostnadsskydd. Barn och unga får vård utan avgift i många fall – se 1177.se för regionens avgifter.
""",
            ),
            "en": (
                "Health centres and 1177",
                "How to get healthcare in Jämtland Härjedalen: choose a health centre and call 1177 for advice.",
                """
## Choose a health centre
The health centre (vårdcentral) is where you go first when you are ill. Region Jämtland Härjedalen runs healthcare in the county. You choose a health centre at 1177.se.

## Call 1177
On the phone number 1177 you get healthcare advice around the clock. You can ask for an interpreter.

## What does it cost?
Adults pay a patient fee. There is a high-cost ceiling. Children and young people often get care without a fee – see 1177.se for the region's fees.
""",
            ),
            "de": (
                "Gesundheitszentrale und 1177",
                "So erhalten Sie medizinische Versorgung in Jämtland Härjedalen: Gesundheitszentrale wählen und 1177 anrufen.",
                """
## Wählen Sie eine Gesundheitszentrale
Die Gesundheitszentrale (vårdcentral) ist die erste Anlaufstelle bei Krankheit. Region Jämtland Härjedalen ist für die Gesundheitsversorgung zuständig. Sie wählen die Gesundheitszentrale auf 1177.se.

## Rufen Sie 1177 an
Unter 1177 erhalten Sie rund um die Uhr medizinische Beratung. Sie können einen Dolmetscher verlangen.

## Was kostet es?
Erwachsene zahlen eine Patientengebühr; es gibt eine Kostenobergrenze. Kinder und Jugendliche werden oft gebührenfrei behandelt – siehe 1177.se.
""",
            ),
            "uk": (
                "Медичний центр і 1177",
                "Як отримати медичну допомогу в Ємтланд-Герьєдалені: оберіть медичний центр і телефонуйте 1177.",
                """
## Оберіть медичний центр
Медичний центр (vårdcentral) — це місце, куди звертаються насамперед, коли захворіли. За охорону здоров'я в лені відповідає Region Jämtland Härjedalen. Медичний центр обирають на 1177.se.

## Телефонуйте 1177
За номером 1177 цілодобово надають медичні консультації. Можна попросити перекладача.

## Скільки це коштує?
Дорослі сплачують пацієнтський збір; діє обмеження максимальних витрат. Діти й молодь часто отримують допомогу безкоштовно — див. 1177.se.
""",
            ),
            "ar": (
                "المركز الصحي و1177",
                "كيف تحصل على الرعاية الصحية في يمتلاند هارييدالن: اختر مركزًا صحيًا واتصل بـ1177 للاستشارة.",
                """
## اختر مركزًا صحيًا
المركز الصحي (vårdcentral) هو أول مكان تتوجه إليه عند المرض. تتولى منطقة يمتلاند هارييدالن الرعاية الصحية في المقاطعة. تختار المركز الصحي عبر 1177.se.

## اتصل بـ1177
على الرقم 1177 تحصل على استشارة صحية على مدار الساعة. يمكنك طلب مترجم.

## كم يكلف ذلك؟
يدفع البالغون رسوم مريض، وهناك سقف للتكاليف المرتفعة. غالبًا ما يحصل الأطفال والشباب على الرعاية دون رسوم، راجع 1177.se.
""",
            ),
        },
    },
    {
        "subject": "emergency-help",
        "slug": "emergency-112",
        "topic": "healthcare",
        "stage": "first_weeks",
        "links": [E112, V1177],
        "texts": {
            "sv": (
                "Akut hjälp: 112",
                "Vid fara för liv, hälsa eller egendom ringer du 112.",
                """
## När ringer jag 112?
Ring 112 vid olyckor, brand, brott som pågår eller akut sjukdom. Samtalet är gratis och fungerar från alla telefoner.

## När det inte är akut
Ring 1177 för sjukvårdsrådgivning och 114 14 till polisen när det inte är bråttom.

## Bra att veta
Säg var du är så noga som möjligt. På landsbygden och i fjällen kan avstånden vara långa.
""",
            ),
            "en": (
                "Emergency help: 112",
                "When life, health or property is in danger, call 112.",
                """
## When do I call 112?
Call 112 for accidents, fire, crimes in progress or acute illness. The call is free and works from every phone.

## When it is not urgent
Call 1177 for healthcare advice and 114 14 for the police when it is not urgent.

## Good to know
Say where you are as precisely as you can. In the countryside and the mountains distances can be long.
""",
            ),
            "de": (
                "Notruf: 112",
                "Bei Gefahr für Leben, Gesundheit oder Eigentum rufen Sie 112 an.",
                """
## Wann rufe ich 112 an?
Rufen Sie 112 bei Unfällen, Feuer, laufenden Straftaten oder akuter Krankheit an. Der Anruf ist kostenlos und funktioniert von jedem Telefon.

## Wenn es nicht dringend ist
Rufen Sie 1177 für medizinische Beratung und 114 14 für die Polizei an, wenn es nicht eilt.

## Gut zu wissen
Sagen Sie möglichst genau, wo Sie sind. Auf dem Land und im Gebirge können die Entfernungen groß sein.
""",
            ),
            "uk": (
                "Екстрена допомога: 112",
                "Коли під загрозою життя, здоров'я чи майно, телефонуйте 112.",
                """
## Коли телефонувати 112?
Телефонуйте 112 у разі аварії, пожежі, злочину, що відбувається, або гострої хвороби. Дзвінок безкоштовний і працює з будь-якого телефону.

## Коли ситуація не термінова
Телефонуйте 1177 для медичної консультації та 114 14 до поліції, якщо справа не термінова.

## Корисно знати
Якомога точніше скажіть, де ви перебуваєте. У сільській місцевості та горах відстані можуть бути великими.
""",
            ),
            "ar": (
                "المساعدة الطارئة: 112",
                "عند وجود خطر على الحياة أو الصحة أو الممتلكات، اتصل بـ112.",
                """
## متى أتصل بـ112؟
اتصل بـ112 في حالات الحوادث والحرائق والجرائم الجارية والأمراض الحادة. المكالمة مجانية وتعمل من أي هاتف.

## عندما لا يكون الأمر طارئًا
اتصل بـ1177 للاستشارة الصحية وبـ114 14 للشرطة عندما لا يكون الأمر عاجلًا.

## من الجيد أن تعرف
حدّد مكانك بأكبر دقة ممكنة. قد تكون المسافات طويلة في الريف والجبال.
""",
            ),
        },
    },
    {
        "subject": "social-insurance",
        "slug": "social-insurance-forsakringskassan",
        "topic": "money-tax-insurance",
        "stage": "first_weeks",
        "links": [FK],
        "texts": {
            "sv": (
                "Försäkringskassan och socialförsäkringen",
                "Socialförsäkringen ger ersättning vid sjukdom och föräldraledighet och barnbidrag för barn.",
                """
## Är jag försäkrad?
Den som bor i Sverige eller arbetar här omfattas oftast av socialförsäkringen. Försäkringskassan bedömer det i varje enskilt fall, särskilt om du kommer från ett annat EU-land.

## Vad kan jag få?
Till exempel sjukpenning, föräldrapenning och barnbidrag. Barnbidrag betalas normalt ut när barnet är folkbokfört och försäkrat i Sverige.

## Så gör du
Logga in på Försäkringskassans webbplats med BankID eller ring dem. Där finns information på flera språk.
""",
            ),
            "en": (
                "The Social Insurance Agency (Försäkringskassan)",
                "Social insurance pays benefits for illness and parental leave, and child allowance for children.",
                """
## Am I insured?
People who live or work in Sweden are usually covered by social insurance. The Social Insurance Agency decides in each case, especially if you come from another EU country.

## What can I get?
For example sickness benefit, parental benefit and child allowance. Child allowance is normally paid once the child is registered and insured in Sweden.

## How to do it
Log in on the agency's website with BankID or call them. Information is available in several languages.
""",
            ),
            "de": (
                "Die Sozialversicherungskasse (Försäkringskassan)",
                "Die Sozialversicherung zahlt Leistungen bei Krankheit und Elternzeit sowie Kindergeld.",
                """
## Bin ich versichert?
Wer in Schweden wohnt oder arbeitet, ist meist sozialversichert. Försäkringskassan entscheidet im Einzelfall, besonders wenn Sie aus einem anderen EU-Land kommen.

## Was kann ich bekommen?
Zum Beispiel Krankengeld, Elterngeld und Kindergeld. Kindergeld wird normalerweise gezahlt, sobald das Kind in Schweden gemeldet und versichert ist.

## So gehen Sie vor
Melden Sie sich auf der Website mit BankID an oder rufen Sie an. Informationen gibt es in mehreren Sprachen.
""",
            ),
            "uk": (
                "Каса соціального страхування (Försäkringskassan)",
                "Соціальне страхування виплачує допомогу у разі хвороби, батьківської відпустки та допомогу на дітей.",
                """
## Чи застрахований я?
Люди, які живуть або працюють у Швеції, зазвичай охоплені соціальним страхуванням. Försäkringskassan вирішує в кожному випадку окремо, особливо якщо ви з іншої країни ЄС.

## Що я можу отримати?
Наприклад, допомогу з хвороби, батьківську допомогу та допомогу на дітей. Допомогу на дитину зазвичай виплачують, коли дитина зареєстрована та застрахована у Швеції.

## Як це зробити
Увійдіть на сайт каси за допомогою BankID або зателефонуйте. Інформація доступна кількома мовами.
""",
            ),
            "ar": (
                "صندوق التأمينات الاجتماعية (Försäkringskassan)",
                "يدفع التأمين الاجتماعي تعويضات عند المرض وإجازة الوالدين ومخصصات الأطفال.",
                """
## هل أنا مؤمَّن عليّ؟
عادةً ما يشمل التأمين الاجتماعي من يعيش أو يعمل في السويد. يقرر الصندوق في كل حالة على حدة، خاصةً إذا كنت قادمًا من بلد آخر في الاتحاد الأوروبي.

## ماذا يمكنني أن أحصل عليه؟
مثل تعويض المرض وتعويض الوالدين ومخصصات الأطفال. تُدفع مخصصات الطفل عادةً عندما يكون الطفل مسجلًا ومؤمَّنًا عليه في السويد.

## كيف تقوم بذلك
سجّل الدخول إلى موقع الصندوق باستخدام BankID أو اتصل بهم. المعلومات متوفرة بعدة لغات.
""",
            ),
        },
    },
    {
        "subject": "sfi",
        "slug": "swedish-for-immigrants-sfi",
        "topic": "swedish-education",
        "owner": "komvux-sfi",
        "stage": "first_weeks",
        "links": [SKOLV, INFO],
        "texts": {
            "sv": (
                "Svenska för invandrare (SFI)",
                "Gratis undervisning i svenska för vuxna, som kommunens Komvux anordnar.",
                """
## Vem kan läsa SFI?
SFI är till för vuxna som inte har svenska som modersmål. Du behöver i regel vara folkbokförd i kommunen. Undervisningen är kostnadsfri.

## Så anmäler du dig
Anmäl dig till Komvux i den kommun där du bor. Det finns kurser på dagtid, kvällstid och på distans.

## Efter SFI
Du kan fortsätta med svenska som andraspråk på Komvux.
""",
            ),
            "en": (
                "Swedish for immigrants (SFI)",
                "Free Swedish lessons for adults, run by the municipality's adult education (Komvux).",
                """
## Who can study SFI?
SFI is for adults whose first language is not Swedish. You generally need to be registered in the municipality. The lessons are free.

## How to sign up
Sign up with Komvux in the municipality where you live. There are courses during the day, in the evening and at a distance.

## After SFI
You can continue with Swedish as a second language at Komvux.
""",
            ),
            "de": (
                "Schwedisch für Einwanderer (SFI)",
                "Kostenloser Schwedischunterricht für Erwachsene, angeboten von der Erwachsenenbildung der Gemeinde (Komvux).",
                """
## Wer kann an SFI teilnehmen?
SFI ist für Erwachsene, deren Muttersprache nicht Schwedisch ist. In der Regel müssen Sie in der Gemeinde gemeldet sein. Der Unterricht ist kostenlos.

## So melden Sie sich an
Melden Sie sich bei Komvux in Ihrer Wohngemeinde an. Es gibt Kurse tagsüber, abends und als Fernunterricht.

## Nach SFI
Sie können bei Komvux mit Schwedisch als Zweitsprache weitermachen.
""",
            ),
            "uk": (
                "Шведська для іммігрантів (SFI)",
                "Безкоштовні уроки шведської для дорослих, які організовує освіта для дорослих комуни (Komvux).",
                """
## Хто може навчатися на SFI?
SFI призначено для дорослих, для яких шведська не є рідною мовою. Зазвичай потрібно бути зареєстрованим у комуні. Навчання безкоштовне.

## Як записатися
Запишіться до Komvux у комуні, де ви живете. Є денні, вечірні та дистанційні курси.

## Після SFI
Ви можете продовжити навчання шведської як другої мови в Komvux.
""",
            ),
            "ar": (
                "اللغة السويدية للمهاجرين (SFI)",
                "دروس مجانية في اللغة السويدية للبالغين، تنظمها مدرسة تعليم الكبار في البلدية (Komvux).",
                """
## من يمكنه دراسة SFI؟
دورة SFI مخصصة للبالغين الذين ليست السويدية لغتهم الأم. تحتاج عادةً إلى أن تكون مسجلًا في البلدية. الدروس مجانية.

## كيف تسجّل
سجّل لدى Komvux في البلدية التي تسكن فيها. هناك دورات نهارية ومسائية وعن بُعد.

## بعد SFI
يمكنك المتابعة بدراسة السويدية كلغة ثانية في Komvux.
""",
            ),
        },
    },
    {
        "subject": "preschool-school",
        "slug": "preschool-and-school",
        "topic": "family-school",
        "stage": "first_weeks",
        "applies_to": ["families"],
        "links": [SKOLV, INFO],
        "texts": {
            "sv": (
                "Förskola och skola",
                "Barn som bor i Sverige har rätt till förskola och skola. Kommunen ordnar platsen.",
                """
## Förskola
Förskola finns för barn från ett års ålder. Kommunen ska erbjuda plats inom fyra månader från det att du ansökt. Det kostar en avgift som beror på hushållets inkomst.

## Skola
Skolplikten börjar det år barnet fyller sex år, med förskoleklass, och pågår till och med årskurs 9. Skolan är gratis. Elever som är nya i Sverige får stöd i svenska och kan få studiehandledning på sitt modersmål.

## Så ansöker du
Ansök hos kommunen där ni bor, ofta via kommunens e-tjänst.
""",
            ),
            "en": (
                "Preschool and school",
                "Children living in Sweden have the right to preschool and school. The municipality arranges the place.",
                """
## Preschool
Preschool is available for children from the age of one. The municipality must offer a place within four months of your application. There is a fee that depends on the household's income.

## School
Compulsory schooling starts in the year the child turns six, with the preschool class, and lasts until year 9. School is free. Pupils who are new to Sweden get support in Swedish and can get study guidance in their first language.

## How to apply
Apply to the municipality where you live, often through its e-service.
""",
            ),
            "de": (
                "Vorschule und Schule",
                "Kinder, die in Schweden leben, haben ein Recht auf Vorschule und Schule. Die Gemeinde vergibt den Platz.",
                """
## Vorschule
Die Vorschule (förskola) gibt es für Kinder ab einem Jahr. Die Gemeinde muss innerhalb von vier Monaten nach dem Antrag einen Platz anbieten. Die Gebühr hängt vom Haushaltseinkommen ab.

## Schule
Die Schulpflicht beginnt in dem Jahr, in dem das Kind sechs wird, mit der Vorschulklasse, und dauert bis zur 9. Klasse. Die Schule ist kostenlos. Neu angekommene Schüler erhalten Unterstützung in Schwedisch und Lernbegleitung in ihrer Muttersprache.

## So beantragen Sie einen Platz
Bei Ihrer Wohngemeinde, oft über deren E-Service.
""",
            ),
            "uk": (
                "Дитячий садок і школа",
                "Діти, які живуть у Швеції, мають право на дитячий садок і школу. Місце надає комуна.",
                """
## Дитячий садок
Дитячий садок (förskola) доступний для дітей від одного року. Комуна має запропонувати місце протягом чотирьох місяців після подання заяви. Плата залежить від доходу домогосподарства.

## Школа
Обов'язкове навчання починається в рік, коли дитині виповнюється шість, з підготовчого класу, і триває до 9-го класу. Школа безкоштовна. Нові у Швеції учні отримують підтримку зі шведської та можуть отримати навчальний супровід рідною мовою.

## Як подати заяву
До комуни, де ви живете, часто через її електронний сервіс.
""",
            ),
            "ar": (
                "الروضة والمدرسة",
                "للأطفال المقيمين في السويد الحق في الروضة والمدرسة. وتتولى البلدية توفير المكان.",
                """
## الروضة
تتوفر الروضة (förskola) للأطفال من عمر سنة. يجب على البلدية توفير مكان خلال أربعة أشهر من تقديم الطلب. وهناك رسوم تعتمد على دخل الأسرة.

## المدرسة
يبدأ التعليم الإلزامي في السنة التي يبلغ فيها الطفل ست سنوات، بالصف التمهيدي، ويستمر حتى الصف التاسع. المدرسة مجانية. يحصل التلاميذ الجدد في السويد على دعم في اللغة السويدية ويمكنهم الحصول على توجيه دراسي بلغتهم الأم.

## كيف تقدّم الطلب
لدى البلدية التي تسكن فيها، غالبًا عبر خدماتها الإلكترونية.
""",
            ),
        },
    },
]

# --- Swedish and English ------------------------------------------------------------------


def _guide(subject, slug, topic, stage, links, sv, en, **extra):
    return {
        "subject": subject,
        "slug": slug,
        "topic": topic,
        "stage": stage,
        "links": links,
        "texts": {"sv": sv, "en": en},
        **extra,
    }


GUIDES += [
    _guide(
        "work-permit",
        "work-permit-non-eu",
        "work-permits",
        "before_moving",
        [MIG],
        (
            "Arbetstillstånd för dig utanför EU/EES",
            "Medborgare i länder utanför EU/EES behöver i regel arbetstillstånd innan de börjar arbeta i Sverige.",
            """
## Innan du reser
Du behöver ett erbjudande om anställning från en arbetsgivare i Sverige. Arbetsgivaren startar ansökan hos Migrationsverket och du kompletterar den. Lön och villkor ska uppfylla de krav Migrationsverket ställer – kraven ändras, så läs alltid aktuell information.

## Familjen
Din partner och dina barn kan ansöka om uppehållstillstånd för att följa med dig.

## Vänta på beslut
Du får inte börja arbeta förrän du har fått tillståndet. Migrationsverket beslutar; handläggningstiden varierar.
""",
        ),
        (
            "Work permit for citizens of countries outside the EU/EEA",
            "Citizens of countries outside the EU/EEA generally need a work permit before they start working in Sweden.",
            """
## Before you travel
You need an offer of employment from an employer in Sweden. The employer starts the application with the Swedish Migration Agency and you complete it. Salary and terms must meet the agency's requirements – the requirements change, so always read the current information.

## Your family
Your partner and children can apply for residence permits to come with you.

## Wait for the decision
You may not start working until you have the permit. The Migration Agency decides; processing times vary.
""",
        ),
        applies_to=["non_eu"],
    ),
    _guide(
        "eu-right-of-residence",
        "working-in-sweden-as-eu-citizen",
        "work-permits",
        "before_moving",
        [MIG, SKV],
        (
            "Arbeta i Sverige som EU/EES-medborgare",
            "Som medborgare i ett EU/EES-land eller Schweiz behöver du inget arbetstillstånd.",
            """
## Uppehållsrätt
Du har uppehållsrätt i Sverige om du till exempel arbetar, studerar eller har tillräckliga medel för att försörja dig. Du behöver inte ansöka om något hos Migrationsverket.

## Folkbokföring
Om du ska bo här i minst ett år anmäler du flytt till Skatteverket och visar att du har uppehållsrätt. Då får du ett personnummer.

## Familj från länder utanför EU
Familjemedlemmar som inte är EU-medborgare kan behöva uppehållskort från Migrationsverket.
""",
        ),
        (
            "Working in Sweden as an EU/EEA citizen",
            "As a citizen of an EU/EEA country or Switzerland you do not need a work permit.",
            """
## Right of residence
You have a right of residence in Sweden if you, for example, work, study or have enough means to support yourself. You do not need to apply for anything with the Migration Agency.

## Population registration
If you will live here for at least one year, you notify the Tax Agency of your move and show that you have a right of residence. You then get a personnummer.

## Family from outside the EU
Family members who are not EU citizens may need a residence card from the Migration Agency.
""",
        ),
        applies_to=["eu_eea"],
    ),
    _guide(
        "job-search",
        "finding-a-job",
        "work-permits",
        "before_moving",
        [AF, EURES],
        (
            "Hitta jobb i Jämtland Härjedalen",
            "Var du hittar lediga jobb och hur Arbetsförmedlingen kan hjälpa dig.",
            """
## Lediga jobb
Arbetsförmedlingens Platsbanken samlar lediga jobb i hela Sverige. Vården, skogen, besöksnäringen och energisektorn söker ofta personal i länet.

## Inför ansökan
Svenska arbetsgivare vill ofta ha ett kort CV och ett personligt brev. Nätverk betyder mycket – berätta för andra att du söker jobb.

## Från ett annat EU-land
EURES hjälper dig att söka jobb i ett annat EU-land.
""",
        ),
        (
            "Finding a job in Jämtland Härjedalen",
            "Where to find vacancies and how the Public Employment Service can help.",
            """
## Vacancies
The Public Employment Service's job bank (Platsbanken) lists vacancies all over Sweden. Healthcare, forestry, tourism and energy often recruit in the county.

## Applying
Swedish employers often expect a short CV and a cover letter. Networks matter a lot – tell people that you are looking for work.

## From another EU country
EURES helps you look for work in another EU country.
""",
        ),
        owner="arbetsformedlingen",
    ),
    _guide(
        "employer-recruiting-non-eu",
        "recruiting-from-outside-the-eu",
        "work-permits",
        "before_moving",
        [MIG, AF],
        (
            "Rekrytera från länder utanför EU: arbetsgivarens del",
            "Vad du som arbetsgivare ansvarar för när du anställer någon som behöver arbetstillstånd.",
            """
## Innan ansökan
Tjänsten ska ha annonserats så att sökande i Sverige och EU har kunnat söka den, till exempel via Arbetsförmedlingen och EURES. Villkoren ska minst motsvara kollektivavtal eller praxis i branschen, och lönen ska nå den nivå Migrationsverket kräver.

## Ansökan
Du startar ansökan i Migrationsverkets e-tjänst. Försäkringar ska finnas från första arbetsdagen.

## Efter beslutet
Hjälp den anställdas familj att komma till rätta – International House kan erbjuda en ambassadör.
""",
        ),
        (
            "Recruiting from outside the EU: the employer's part",
            "What you as an employer are responsible for when you hire someone who needs a work permit.",
            """
## Before applying
The job must have been advertised so that applicants in Sweden and the EU could apply, for example through the Public Employment Service and EURES. Terms must at least match collective agreements or practice in the industry, and the salary must reach the level the Migration Agency requires.

## The application
You start the application in the Migration Agency's e-service. Insurance must be in place from the first working day.

## After the decision
Help the new employee's family settle in – the International House can offer an ambassador.
""",
        ),
        audience="employer",
    ),
    _guide(
        "housing",
        "finding-housing",
        "housing",
        "before_moving",
        [BOV, INFO],
        (
            "Hitta bostad i Jämtland Härjedalen",
            "Hyresrätt, andrahand och att köpa bostad – så letar du i länet.",
            """
## Hyra
Kommunala bostadsbolag och privata hyresvärdar har ofta bostadsköer. Ställ dig i kö tidigt; i vissa orter är väntetiden lång.

## Andrahand
Många hyr först i andra hand. Skriv alltid ett skriftligt avtal och betala aldrig i förväg till någon du inte har träffat – bedrägerier förekommer.

## Köpa
Bostadsrätter och villor säljs via mäklare. Banken bedömer om du kan få bolån.
""",
        ),
        (
            "Finding housing in Jämtland Härjedalen",
            "Rental flats, sublets and buying a home – how to search in the county.",
            """
## Renting
Municipal housing companies and private landlords often have housing queues. Join queues early; in some places the wait is long.

## Subletting
Many people first rent second-hand (andrahand). Always sign a written contract and never pay in advance to someone you have not met – fraud happens.

## Buying
Flats (bostadsrätter) and houses are sold through estate agents. Your bank decides whether you can get a mortgage.
""",
        ),
    ),
    _guide(
        "housing",
        "housing-in-are",
        "housing",
        "before_moving",
        [ARE],
        (
            "Bostad i Åre: en trång marknad",
            "Det råder bostadsbrist i Åre, särskilt under vintersäsongen. Börja tidigt.",
            """
## Varför det är svårt
Många bostäder i Åre används som fritidshus och för uthyrning till turister. Under skidsäsongen är det mycket svårt att hitta något att hyra.

## Så ökar du chanserna
Fråga din arbetsgivare om personalbostad innan du tackar ja till ett jobb. Leta även i grannorter längs E14 och Mittbanan. Ställ dig i kommunens och bostadsbolagens köer.

## Se upp
Betala aldrig hyra i förväg för en bostad du inte har sett eller ett avtal du inte har fått.
""",
        ),
        (
            "Housing in Åre: a tight market",
            "There is a housing shortage in Åre, especially during the winter season. Start early.",
            """
## Why it is hard
Many homes in Åre are used as holiday homes and rented to tourists. During the ski season it is very hard to find somewhere to rent.

## How to improve your chances
Ask your employer about staff housing before you accept a job. Look in nearby villages along the E14 road and the railway too. Join the queues of the municipality and the housing companies.

## Watch out
Never pay rent in advance for a home you have not seen or a contract you have not received.
""",
        ),
        municipality="are",
        owner="are-kommun",
    ),
    _guide(
        "housing",
        "housing-in-ostersund",
        "housing",
        "before_moving",
        [OSD],
        (
            "Bostad i Östersund",
            "Så letar du bostad i Östersund: bostadskö, andrahand och studentbostäder.",
            """
## Bostadskö
Ställ dig i kö hos det kommunala bostadsbolaget och hos privata hyresvärdar så snart du vet att du ska flytta.

## Studenter
Studerar du vid Mittuniversitetet finns särskilda studentbostäder; ansök i god tid före terminsstart.

## Kommunens hjälp
Östersunds kommun kan berätta om bostadsläget och vart du kan vända dig.
""",
        ),
        (
            "Housing in Östersund",
            "How to look for a home in Östersund: housing queues, sublets and student housing.",
            """
## Housing queues
Join the queue of the municipal housing company and of private landlords as soon as you know you will move.

## Students
If you study at Mid Sweden University there is special student housing; apply well before the term starts.

## The municipality's help
Östersund Municipality can tell you about the housing situation and where to turn.
""",
        ),
        municipality="ostersund",
        owner="ostersunds-kommun",
    ),
    _guide(
        "preschool-school",
        "preschool-and-school-in-ostersund",
        "family-school",
        "first_weeks",
        [OSD, SKOLV],
        (
            "Förskola och skola i Östersund",
            "Så ansöker du om förskola och skola i Östersunds kommun.",
            """
## Ansök hos kommunen
Ansök om förskoleplats och skolplacering hos Östersunds kommun, via kommunens e-tjänster eller kontaktcenter.

## Nyanlända elever
Elever som är nya i Sverige får en kartläggning av sina kunskaper och stöd i svenska.

## Fråga oss
Kontakta kommunen om du är osäker på vilken skola som passar ert barn.
""",
        ),
        (
            "Preschool and school in Östersund",
            "How to apply for preschool and school in Östersund Municipality.",
            """
## Apply to the municipality
Apply for a preschool place and a school placement with Östersund Municipality, through its e-services or contact centre.

## Pupils new to Sweden
Pupils who are new to Sweden have their knowledge assessed and get support in Swedish.

## Ask us
Contact the municipality if you are unsure which school suits your child.
""",
        ),
        municipality="ostersund",
        owner="ostersunds-kommun",
        applies_to=["families"],
    ),
    _guide(
        "family-benefits",
        "parental-benefit-and-child-allowance",
        "family-school",
        "first_months",
        [FK],
        (
            "Föräldrapenning och barnbidrag",
            "Stöd för barnfamiljer från Försäkringskassan.",
            """
## Barnbidrag
Barnbidrag betalas för barn som är försäkrade i Sverige, normalt till och med det kvartal barnet fyller 16 år.

## Föräldrapenning
Föräldrapenning gör det möjligt att vara hemma med sitt barn. Hur många dagar du kan få beror bland annat på när ni kom till Sverige och barnets ålder.

## Läs mer
Försäkringskassan beslutar och har information på flera språk.
""",
        ),
        (
            "Parental benefit and child allowance",
            "Support for families with children from the Social Insurance Agency.",
            """
## Child allowance
Child allowance is paid for children who are insured in Sweden, normally up to and including the quarter in which the child turns 16.

## Parental benefit
Parental benefit lets you stay at home with your child. How many days you can get depends, among other things, on when you came to Sweden and on the child's age.

## Read more
The Social Insurance Agency decides and has information in several languages.
""",
        ),
        applies_to=["families"],
    ),
    _guide(
        "dental-care",
        "dental-care",
        "healthcare",
        "first_months",
        [V1177, RJH],
        (
            "Tandvård",
            "Så hittar du en tandläkare och vad tandvården kostar.",
            """
## Barn och unga
Tandvården är gratis för barn och unga upp till en viss ålder. Regionen kallar barnen till undersökning.

## Vuxna
Vuxna väljer själva tandläkare, i Folktandvården eller privat, och betalar för vården. Det finns ett statligt tandvårdsstöd som minskar kostnaden.

## Akut tandvärk
Ring 1177 om du inte vet vart du ska vända dig.
""",
        ),
        (
            "Dental care",
            "How to find a dentist and what dental care costs.",
            """
## Children and young people
Dental care is free for children and young people up to a certain age. The region invites children for check-ups.

## Adults
Adults choose a dentist themselves, in the public dental service (Folktandvården) or privately, and pay for the care. A state dental care subsidy reduces the cost.

## Acute toothache
Call 1177 if you do not know where to turn.
""",
        ),
    ),
    _guide(
        "mental-health",
        "mental-health-support",
        "healthcare",
        "settling_in",
        [V1177],
        (
            "Psykisk hälsa när du flyttat",
            "Det är vanligt att känna sig ensam eller nedstämd efter en flytt. Här finns hjälp.",
            """
## Du är inte ensam
Mörka vintrar, ett nytt språk och saknad efter familj och vänner kan påverka hur man mår.

## Få hjälp
Vårdcentralen kan ge stöd och samtal. På 1177.se finns råd och självhjälp. Vid akut kris: ring 112.

## Träffa andra
Föreningar, språkcaféer och en ambassadör från International House kan göra det lättare att komma in i gemenskapen.
""",
        ),
        (
            "Mental health after a move",
            "Feeling lonely or low after a move is common. Help is available.",
            """
## You are not alone
Dark winters, a new language and missing family and friends can affect how you feel.

## Getting help
Your health centre can offer support and counselling. 1177.se has advice and self-help. In an acute crisis: call 112.

## Meeting people
Clubs, language cafés and an ambassador from the International House can make it easier to feel at home.
""",
        ),
    ),
    _guide(
        "university",
        "university-studies",
        "swedish-education",
        "settling_in",
        [MIUN, UADM],
        (
            "Studera på universitet eller högskola",
            "Mittuniversitetet har campus i Östersund. Så söker du till högskolan.",
            """
## Ansökan
Du söker till de flesta utbildningar via Antagning.se eller, för engelskspråkiga program, Universityadmissions.se. Ansökningsperioderna ligger långt före terminsstart.

## Avgifter
Studenter från länder utanför EU/EES betalar i regel studieavgift. EU/EES-medborgare betalar inte.

## Mittuniversitetet
Universitetets internationella kontor hjälper internationella studenter med frågor om ankomst.
""",
        ),
        (
            "Studying at university",
            "Mid Sweden University has a campus in Östersund. How to apply to higher education.",
            """
## Applying
You apply to most programmes through Antagning.se or, for programmes taught in English, Universityadmissions.se. Application periods are well before the term starts.

## Fees
Students from countries outside the EU/EEA generally pay tuition fees. EU/EEA citizens do not.

## Mid Sweden University
The university's international office helps international students with questions about arriving.
""",
        ),
        owner="mittuniversitetet",
    ),
    _guide(
        "adult-education",
        "komvux-adult-education",
        "swedish-education",
        "first_months",
        [SKOLV],
        (
            "Komvux: utbildning för vuxna",
            "Läs in grundskola eller gymnasium, eller en yrkesutbildning, på Komvux.",
            """
## Vad är Komvux?
Komvux är kommunens vuxenutbildning. Där kan du läsa ämnen på grundläggande och gymnasial nivå och yrkesutbildningar, till exempel inom vård och omsorg.

## Kostnad och stöd
Utbildningen är avgiftsfri. Du kan ibland få studiemedel från CSN.

## Så ansöker du
Ansök hos Komvux i din kommun.
""",
        ),
        (
            "Komvux: adult education",
            "Complete compulsory or upper secondary school, or train for a trade, at Komvux.",
            """
## What is Komvux?
Komvux is the municipality's adult education. You can study subjects at compulsory and upper secondary level and vocational programmes, for example in health and social care.

## Cost and support
The education is free. You can sometimes get student finance from CSN.

## How to apply
Apply to Komvux in your municipality.
""",
        ),
        owner="komvux-sfi",
    ),
    _guide(
        "recognition-of-education",
        "recognition-of-foreign-education",
        "validation",
        "first_months",
        [UHR],
        (
            "Få din utländska utbildning bedömd",
            "Universitets- och högskolerådet (UHR) bedömer utländsk högskoleutbildning.",
            """
## Vad UHR gör
UHR jämför din utländska examen med det svenska utbildningssystemet och ger ett utlåtande. Det hjälper arbetsgivare att förstå din utbildning.

## Så ansöker du
Ansök i UHR:s e-tjänst och ladda upp examensbevis och andra handlingar. Bedömningen är kostnadsfri.

## Yrkesutbildning
UHR kan också bedöma vissa utländska gymnasie- och yrkesutbildningar.
""",
        ),
        (
            "Getting your foreign education recognised",
            "The Swedish Council for Higher Education (UHR) evaluates foreign higher education.",
            """
## What UHR does
UHR compares your foreign degree with the Swedish education system and issues a statement. It helps employers understand your education.

## How to apply
Apply in UHR's e-service and upload your diploma and other documents. The evaluation is free of charge.

## Vocational education
UHR can also evaluate some foreign upper secondary and vocational qualifications.
""",
        ),
    ),
    _guide(
        "licensed-professions",
        "licence-for-healthcare-professions",
        "validation",
        "before_moving",
        [SOS, SKOLV],
        (
            "Legitimation för vårdyrken och andra reglerade yrken",
            "Läkare, sjuksköterskor och andra vårdyrken behöver svensk legitimation från Socialstyrelsen.",
            """
## Reglerade yrken
För att arbeta som till exempel läkare, sjuksköterska, barnmorska eller tandläkare behöver du legitimation från Socialstyrelsen. Lärare behöver lärarlegitimation från Skolverket.

## Vägen dit
Vägen beror på var du har tagit examen. Utbildade i EU/EES får ofta sin yrkeskvalifikation erkänd. Utbildade utanför EU/EES går oftast igenom kunskapsprov, språkkrav och praktisk tjänstgöring.

## Börja tidigt
Processen kan ta lång tid. Ansök så tidigt som möjligt.
""",
        ),
        (
            "Licences for healthcare and other regulated professions",
            "Doctors, nurses and other healthcare professions need a Swedish licence from the National Board of Health and Welfare.",
            """
## Regulated professions
To work as, for example, a doctor, nurse, midwife or dentist you need a licence from the National Board of Health and Welfare (Socialstyrelsen). Teachers need a teacher's certificate from the National Agency for Education.

## The path
The path depends on where you qualified. People trained in the EU/EEA often have their professional qualification recognised. People trained outside the EU/EEA usually go through a knowledge test, language requirements and practical training.

## Start early
The process can take a long time. Apply as early as you can.
""",
        ),
    ),
    _guide(
        "partner-career",
        "accompanying-partner-career",
        "partner-career",
        "first_months",
        [AF, INFO],
        (
            "Karriär för medföljande partner",
            "Flyttar du med din partner? Så kommer du igång med jobb eller studier.",
            """
## Registrera dig hos Arbetsförmedlingen
Som arbetssökande kan du få råd, matchning mot lediga jobb och ibland utbildning.

## Bygg nätverk
Många jobb tillsätts via kontakter. Mentorprogram, branschträffar och föreningar är bra vägar in.

## Svenska och validering
SFI och bedömning av din utbildning gör det lättare att få ett jobb inom ditt yrke.
""",
        ),
        (
            "A career for the accompanying partner",
            "Moving with your partner? How to get started with work or studies.",
            """
## Register with the Public Employment Service
As a jobseeker you can get advice, matching with vacancies and sometimes training.

## Build a network
Many jobs are filled through contacts. Mentoring programmes, industry meetups and clubs are good ways in.

## Swedish and recognition
SFI and an evaluation of your education make it easier to find a job in your profession.
""",
        ),
        applies_to=["partners"],
        owner="arbetsformedlingen",
    ),
    _guide(
        "partner-network",
        "networks-for-partners",
        "partner-career",
        "settling_in",
        [INFO],
        (
            "Nätverk och gemenskap för medföljande",
            "Träffa andra som har flyttat hit och hitta ett sammanhang.",
            """
## Träffpunkter
Språkcaféer, bibliotek och föreningar ordnar träffar där du kan öva svenska och lära känna folk.

## Ideella organisationer
Organisationer som Hej främling! ordnar aktiviteter för nya och etablerade invånare.

## Ambassadör
International House kan sätta dig i kontakt med en ambassadör som själv en gång har flyttat hit.
""",
        ),
        (
            "Networks and community for accompanying partners",
            "Meet others who have moved here and find your place.",
            """
## Meeting places
Language cafés, libraries and clubs hold meetups where you can practise Swedish and get to know people.

## Non-profit organisations
Organisations such as Hej främling! arrange activities for new and long-standing residents.

## Ambassador
The International House can put you in touch with an ambassador who once moved here too.
""",
        ),
        applies_to=["partners"],
        owner="hej-framling",
    ),
    _guide(
        "driving-licence",
        "driving-licence-exchange",
        "transport-driving",
        "first_months",
        [TS],
        (
            "Körkort: byta eller ta svenskt körkort",
            "Om ditt utländska körkort gäller i Sverige och när du behöver ett svenskt.",
            """
## Körkort från EU/EES
Ett giltigt körkort från ett EU/EES-land gäller i Sverige.

## Körkort från andra länder
Ett körkort från ett land utanför EU/EES gäller i regel bara en begränsad tid efter att du folkbokförts. Från vissa länder kan du byta till svenskt körkort; från andra behöver du ta körkort i Sverige.

## Kontrollera hos Transportstyrelsen
Reglerna beror på landet som utfärdat körkortet. Transportstyrelsen beslutar.
""",
        ),
        (
            "Driving licence: exchanging it or getting a Swedish one",
            "Whether your foreign licence is valid in Sweden and when you need a Swedish one.",
            """
## Licences from the EU/EEA
A valid driving licence from an EU/EEA country is valid in Sweden.

## Licences from other countries
A licence from a country outside the EU/EEA is generally valid only for a limited time after you are registered in Sweden. From some countries you can exchange it for a Swedish licence; from others you need to take a Swedish driving test.

## Check with the Swedish Transport Agency
The rules depend on the country that issued the licence. The Transport Agency decides.
""",
        ),
    ),
    _guide(
        "winter-driving",
        "winter-driving",
        "transport-driving",
        "first_months",
        [TS, TRV],
        (
            "Vinterkörning",
            "Vinterdäck, mörker och vilt: så kör du säkert på vintern i Jämtland Härjedalen.",
            """
## Vinterdäck
Från den 1 december till den 31 mars är vinterdäck obligatoriskt när det är vinterväglag. Dubbdäck är tillåtna under vintersäsongen enligt Transportstyrelsens regler.

## Förbered bilen
Ha isskrapa, snöborste, filt, varma kläder och en laddad telefon i bilen. Kontrollera trafikläget hos Trafikverket innan längre resor.

## Vilt
Älg och ren rör sig ofta nära vägarna, särskilt i skymningen. Sänk farten.
""",
        ),
        (
            "Winter driving",
            "Winter tyres, darkness and wildlife: how to drive safely in winter in Jämtland Härjedalen.",
            """
## Winter tyres
From 1 December to 31 March winter tyres are mandatory when there are winter road conditions. Studded tyres are allowed during the winter season under the Transport Agency's rules.

## Prepare the car
Keep an ice scraper, snow brush, blanket, warm clothes and a charged phone in the car. Check road conditions with the Transport Administration before longer trips.

## Wildlife
Elk and reindeer often move near the roads, especially at dusk. Slow down.
""",
        ),
    ),
    _guide(
        "tax-return",
        "tax-and-tax-return",
        "money-tax-insurance",
        "settling_in",
        [SKV],
        (
            "Skatt och deklaration",
            "Så fungerar skatten i Sverige och när du deklarerar.",
            """
## Skatt på lön
Arbetsgivaren drar preliminär skatt från din lön. Hur mycket beror på din kommuns skattesats och din inkomst.

## Deklarationen
Varje vår deklarerar du dina inkomster för föregående år. Skatteverket skickar ut ett förslag som du kontrollerar och godkänner, ofta digitalt med BankID. Sista dagen är i början av maj – se exakt datum hos Skatteverket.

## Flyttat hit under året
Har du bott i Sverige en del av året kan särskilda regler gälla. Fråga Skatteverket.
""",
        ),
        (
            "Tax and the annual tax return",
            "How tax works in Sweden and when you file your return.",
            """
## Tax on salary
Your employer deducts preliminary tax from your salary. How much depends on your municipality's tax rate and your income.

## The tax return
Every spring you declare your income for the previous year. The Tax Agency sends a proposal that you check and approve, often digitally with BankID. The deadline is in early May – see the exact date at the Tax Agency.

## Moved here during the year
If you lived in Sweden for part of the year, special rules may apply. Ask the Tax Agency.
""",
        ),
    ),
    _guide(
        "pension",
        "pension-in-sweden",
        "money-tax-insurance",
        "settling_in",
        [PENS],
        (
            "Pension i Sverige",
            "Du tjänar in allmän pension när du arbetar i Sverige, och ofta tjänstepension.",
            """
## Allmän pension
Alla som arbetar och betalar skatt i Sverige tjänar in allmän pension. Pensionsmyndigheten skickar ett årligt pensionsbesked.

## Tjänstepension
Många arbetsgivare betalar tjänstepension enligt kollektivavtal. Fråga din arbetsgivare.

## Pension från andra länder
Har du arbetat i flera länder kan pensionen komma från flera håll. Pensionsmyndigheten kan ge information.
""",
        ),
        (
            "Pensions in Sweden",
            "You earn a public pension when you work in Sweden, and often an occupational pension.",
            """
## Public pension
Everyone who works and pays tax in Sweden earns a public pension. The Swedish Pensions Agency sends an annual pension statement.

## Occupational pension
Many employers pay an occupational pension under a collective agreement. Ask your employer.

## Pensions from other countries
If you have worked in several countries, your pension may come from several places. The Pensions Agency can give information.
""",
        ),
    ),
    _guide(
        "right-of-public-access",
        "right-of-public-access",
        "social-life-outdoors",
        "settling_in",
        [NV],
        (
            "Allemansrätten och friluftslivet",
            "I Sverige får alla vistas i naturen – med ansvar. Så fungerar allemansrätten.",
            """
## Vad du får göra
Du får gå, åka skidor, plocka bär och svamp och tälta en natt på de flesta platser, så länge du inte stör eller förstör.

## Vad du inte får göra
Gå inte över tomter eller växande gröda. Visa hänsyn till djur, renskötsel och markägare. Följ eldningsförbud.

## Fjällen
Väder kan ändras snabbt. Berätta var du ska och ha rätt utrustning.
""",
        ),
        (
            "The right of public access and outdoor life",
            "In Sweden everyone may enjoy nature – responsibly. How the right of public access works.",
            """
## What you may do
You may walk, ski, pick berries and mushrooms and camp for a night in most places, as long as you do not disturb or destroy.

## What you may not do
Do not cross gardens or growing crops. Respect animals, reindeer herding and landowners. Follow fire bans.

## The mountains
The weather can change quickly. Tell someone where you are going and bring the right equipment.
""",
        ),
    ),
    _guide(
        "clubs-and-culture",
        "clubs-culture-and-libraries",
        "social-life-outdoors",
        "settling_in",
        [INFO],
        (
            "Föreningar, kultur och bibliotek",
            "Ett bra sätt att lära känna folk är att gå med i en förening.",
            """
## Föreningslivet
Idrott, musik, friluftsliv och kultur – det finns föreningar för det mesta, även i små orter.

## Biblioteket
Biblioteken lånar ut böcker på många språk, har gratis wifi och ordnar ofta språkcaféer.

## Evenemang
Se International Houses evenemangskalender.
""",
        ),
        (
            "Clubs, culture and libraries",
            "Joining a club is a good way to get to know people.",
            """
## Clubs and societies
Sports, music, outdoor life and culture – there are clubs for most things, even in small places.

## The library
Libraries lend books in many languages, have free wifi and often host language cafés.

## Events
See the International House's events calendar.
""",
        ),
        owner="hej-framling",
    ),
    _guide(
        "winter-preparation",
        "preparing-for-winter",
        "social-life-outdoors",
        "before_moving",
        [INFO],
        (
            "Förbered dig för vintern",
            "Kyla, snö och mörker: så klarar du din första vinter i Jämtland Härjedalen.",
            """
## Kläder
Klä dig i lager: underställ, mellanlager och vind- och vattentätt ytterlager. Bra skor med grepp, mössa och vantar gör stor skillnad.

## Mörkret
I december är dagarna korta. Vistas ute när det är ljust, och ta hand om sömn och rörelse.

## Ta tillvara vintern
Skidor, skridskor och snöskor – vintern är också en stor glädje här.
""",
        ),
        (
            "Preparing for winter",
            "Cold, snow and darkness: how to get through your first winter in Jämtland Härjedalen.",
            """
## Clothing
Dress in layers: base layer, mid layer and a wind- and waterproof outer layer. Good shoes with grip, a hat and mittens make a big difference.

## The darkness
In December the days are short. Spend time outside in daylight, and look after your sleep and exercise.

## Enjoy the winter
Skiing, skating and snowshoeing – winter is also a great joy here.
""",
        ),
    ),
    _guide(
        "start-business",
        "starting-a-business",
        "starting-business",
        "settling_in",
        [VERKSAMT, BOLAG, SKV],
        (
            "Starta företag",
            "Så registrerar du ett företag och ansöker om F-skatt.",
            """
## Välj företagsform
Enskild firma och aktiebolag är vanligast. Verksamt.se hjälper dig att välja.

## Registrera
Aktiebolag registreras hos Bolagsverket. Hos Skatteverket ansöker du om F-skatt och vid behov momsregistrering och registrering som arbetsgivare.

## Få råd
Det finns gratis rådgivning för nya företagare. Fråga kommunens näringslivskontor.
""",
        ),
        (
            "Starting a business",
            "How to register a business and apply for F-tax approval.",
            """
## Choose a business form
Sole trader (enskild firma) and limited company (aktiebolag) are the most common. Verksamt.se helps you choose.

## Register
Limited companies are registered with the Companies Registration Office (Bolagsverket). With the Tax Agency you apply for F-tax approval and, if needed, VAT registration and registration as an employer.

## Get advice
Free advice is available for new business owners. Ask your municipality's business office.
""",
        ),
    ),
    _guide(
        "business-permit",
        "self-employment-permit",
        "starting-business",
        "before_moving",
        [MIG, VERKSAMT],
        (
            "Uppehållstillstånd för egna företagare",
            "Medborgare utanför EU/EES som vill driva eget företag i Sverige behöver uppehållstillstånd.",
            """
## Krav
Migrationsverket ställer krav på bland annat erfarenhet av företagande, en affärsplan och att du kan försörja dig och din familj. Läs kraven hos Migrationsverket.

## Planera
Ta fram en realistisk affärsplan. Verksamt.se beskriver hur man startar och driver företag i Sverige.
""",
        ),
        (
            "Residence permit for self-employed people",
            "Citizens of countries outside the EU/EEA who want to run their own business in Sweden need a residence permit.",
            """
## Requirements
The Migration Agency requires, among other things, experience of running a business, a business plan and that you can support yourself and your family. Read the requirements at the Migration Agency.

## Plan
Prepare a realistic business plan. Verksamt.se describes how to start and run a business in Sweden.
""",
        ),
        applies_to=["non_eu"],
    ),
    _guide(
        "seasonal-work",
        "seasonal-work-in-are",
        "work-permits",
        "before_moving",
        [ARE, MIG, AF],
        (
            "Säsongsarbete i Åre",
            "Många jobbar en vinter- eller sommarsäsong i Åre. Det här behöver du veta.",
            """
## Säsongerna
Vintersäsongen med skidåkning pågår ungefär från december till april, och sommarsäsongen lockar cyklister och vandrare. Hotell, restauranger och skidanläggningar anställer många.

## Boende först
Bostadsbristen är stor. Fråga arbetsgivaren om personalboende innan du tackar ja.

## Tillstånd
Medborgare utanför EU/EES behöver arbetstillstånd; för vissa säsongsjobb finns ett särskilt tillstånd. Migrationsverket beslutar.
""",
        ),
        (
            "Seasonal work in Åre",
            "Many people work a winter or summer season in Åre. Here is what you need to know.",
            """
## The seasons
The ski season runs roughly from December to April, and the summer season draws cyclists and hikers. Hotels, restaurants and ski resorts hire many people.

## Housing first
The housing shortage is severe. Ask your employer about staff housing before you accept.

## Permits
Citizens of countries outside the EU/EEA need a work permit; for some seasonal jobs there is a special permit. The Migration Agency decides.
""",
        ),
        municipality="are",
        owner="are-kommun",
    ),
    _guide(
        "welcome-municipality",
        "welcome-to-ostersund",
        "social-life-outdoors",
        "first_months",
        [OSD],
        (
            "Välkommen till Östersund",
            "Kommunens service för dig som är ny i Östersund.",
            """
## Kommunen hjälper dig med
Förskola och skola, SFI och Komvux, bibliotek, kultur och fritid. Kommunens kontaktcenter svarar på frågor.

## Staden
Östersund ligger vid Storsjön, med Mittuniversitetets campus, vintersport och ett rikt föreningsliv.
""",
        ),
        (
            "Welcome to Östersund",
            "The municipality's services for people new to Östersund.",
            """
## The municipality helps you with
Preschool and school, SFI and adult education, libraries, culture and leisure. The municipality's contact centre answers questions.

## The town
Östersund lies on Lake Storsjön, with Mid Sweden University's campus, winter sports and a rich club life.
""",
        ),
        municipality="ostersund",
        owner="ostersunds-kommun",
    ),
    _guide(
        "welcome-municipality",
        "welcome-to-are",
        "social-life-outdoors",
        "first_months",
        [ARE],
        (
            "Välkommen till Åre kommun",
            "Kommunen är mer än skidorten: så hittar du rätt i Åre kommun.",
            """
## Orterna
Åre kommun har flera orter, bland annat Järpen, Undersåker, Duved och Åre. Service finns på olika ställen – kontrollera var.

## Kommunens service
Skola, SFI och Komvux, bibliotek och fritid. Kommunen svarar på frågor via sitt kontaktcenter.
""",
        ),
        (
            "Welcome to Åre Municipality",
            "The municipality is more than the ski resort: finding your way in Åre Municipality.",
            """
## The villages
Åre Municipality has several villages, among them Järpen, Undersåker, Duved and Åre. Services are in different places – check where.

## Municipal services
School, SFI and adult education, libraries and leisure. The municipality answers questions through its contact centre.
""",
        ),
        municipality="are",
        owner="are-kommun",
        overdue=True,
    ),
]
