"""Demo data for relocation (used by ``manage.py seed_demo``)."""

from __future__ import annotations

from django.db import transaction

from demo import enquiries as demo_enquiries
from demo import guides as demo_guides
from guides.models import Topic

# (slug, icon, sv name, en name, sv description, en description)
TOPICS = [
    (
        "work-permits",
        "briefcase",
        "Arbete och tillstånd",
        "Work and permits",
        "Arbetstillstånd, uppehållstillstånd och att börja arbeta i Sverige.",
        "Work permits, residence permits and starting work in Sweden.",
    ),
    (
        "registration-id-bank",
        "id-card",
        "Folkbokföring, id och bank",
        "Registration, ID and bank",
        "Personnummer, samordningsnummer, id-kort, bankkonto och BankID.",
        "Personal identity number, coordination number, ID card, bank account and BankID.",
    ),
    (
        "housing",
        "house",
        "Bostad",
        "Housing",
        "Att hitta ett boende att hyra eller köpa i länet.",
        "Finding a home to rent or buy in the county.",
    ),
    (
        "family-school",
        "family",
        "Familj, förskola och skola",
        "Family, preschool and school",
        "Förskola, skola, fritids och stöd till familjer.",
        "Preschool, school, after-school care and support for families.",
    ),
    (
        "healthcare",
        "health",
        "Hälso- och sjukvård",
        "Healthcare",
        "Vårdcentral, 1177, tandvård och akut hjälp.",
        "Health centres, 1177, dental care and emergency help.",
    ),
    (
        "swedish-education",
        "book",
        "Svenska (SFI) och utbildning",
        "Swedish language (SFI) and education",
        "Svenska för invandrare, Komvux och högskolestudier.",
        "Swedish for immigrants, adult education and university studies.",
    ),
    (
        "validation",
        "certificate",
        "Validering av utbildning och yrke",
        "Validation of qualifications",
        "Bedömning av utländsk utbildning och legitimation för reglerade yrken.",
        "Recognition of foreign education and licences for regulated professions.",
    ),
    (
        "partner-career",
        "people",
        "Medföljande partners karriär",
        "Partner's career",
        "Jobb, nätverk och studier för den som flyttar med.",
        "Jobs, networks and studies for an accompanying partner.",
    ),
    (
        "transport-driving",
        "car",
        "Resor och bilkörning",
        "Transport and driving",
        "Körkort, vinterkörning och kollektivtrafik.",
        "Driving licences, winter driving and public transport.",
    ),
    (
        "money-tax-insurance",
        "coins",
        "Pengar, skatt och försäkringar",
        "Money, taxes and social insurance",
        "Skatt, deklaration, Försäkringskassan och pension.",
        "Tax, tax returns, the Social Insurance Agency and pensions.",
    ),
    (
        "social-life-outdoors",
        "mountain",
        "Fritid, kultur och friluftsliv",
        "Social life, culture and outdoors",
        "Föreningsliv, kultur, allemansrätten och naturen.",
        "Clubs and societies, culture, the right of public access and nature.",
    ),
    (
        "starting-business",
        "store",
        "Starta företag",
        "Starting a business",
        "Att starta och driva företag i Sverige.",
        "Starting and running a business in Sweden.",
    ),
]


# Topic names and descriptions in the other launch languages: slug -> lang -> (name, desc).
TOPIC_TRANSLATIONS = {
    "work-permits": {
        "de": (
            "Arbeit und Genehmigungen",
            "Arbeitserlaubnis, Aufenthaltserlaubnis und der Start ins Berufsleben in Schweden.",
        ),
        "es": (
            "Trabajo y permisos",
            "Permisos de trabajo y de residencia, y cómo empezar a trabajar en Suecia.",
        ),
        "pl": (
            "Praca i zezwolenia",
            "Zezwolenia na pracę i pobyt oraz rozpoczęcie pracy w Szwecji.",
        ),
        "uk": ("Робота і дозволи", "Дозволи на роботу й проживання та початок роботи у Швеції."),
        "ar": ("العمل والتصاريح", "تصاريح العمل والإقامة وبدء العمل في السويد."),
        "fa": ("کار و مجوزها", "مجوز کار، اجازه اقامت و شروع کار در سوئد."),
    },
    "registration-id-bank": {
        "de": (
            "Meldewesen, Ausweis und Bank",
            "Personennummer, Koordinierungsnummer, Ausweis, Bankkonto und BankID.",
        ),
        "es": (
            "Empadronamiento, identificación y banco",
            "Número personal, número de coordinación, documento de identidad, cuenta bancaria y BankID.",
        ),
        "pl": (
            "Meldunek, dowód tożsamości i bank",
            "Numer personalny, numer koordynacyjny, dowód tożsamości, konto bankowe i BankID.",
        ),
        "uk": (
            "Реєстрація, посвідчення і банк",
            "Персональний номер, координаційний номер, посвідчення особи, банківський рахунок і BankID.",
        ),
        "ar": (
            "التسجيل والهوية والبنك",
            "الرقم الشخصي ورقم التنسيق وبطاقة الهوية والحساب البنكي وBankID.",
        ),
        "fa": (
            "ثبت نام، کارت شناسایی و بانک",
            "شماره شخصی، شماره هماهنگی، کارت شناسایی، حساب بانکی و BankID.",
        ),
    },
    "housing": {
        "de": ("Wohnen", "Eine Wohnung zur Miete oder zum Kauf in der Provinz finden."),
        "es": ("Vivienda", "Encontrar una vivienda de alquiler o en propiedad en la provincia."),
        "pl": ("Mieszkanie", "Jak znaleźć mieszkanie do wynajęcia lub kupna w regionie."),
        "uk": ("Житло", "Як знайти житло в оренду чи купити його в регіоні."),
        "ar": ("السكن", "العثور على مسكن للإيجار أو الشراء في المقاطعة."),
        "fa": ("مسکن", "پیدا کردن خانه برای اجاره یا خرید در استان."),
    },
    "family-school": {
        "de": (
            "Familie, Vorschule und Schule",
            "Vorschule, Schule, Freizeitbetreuung und Unterstützung für Familien.",
        ),
        "es": (
            "Familia, preescolar y escuela",
            "Preescolar, escuela, actividades extraescolares y apoyo a las familias.",
        ),
        "pl": (
            "Rodzina, przedszkole i szkoła",
            "Przedszkole, szkoła, świetlica i wsparcie dla rodzin.",
        ),
        "uk": (
            "Сім'я, дитсадок і школа",
            "Дитячий садок, школа, група продовженого дня та підтримка сімей.",
        ),
        "ar": ("الأسرة والروضة والمدرسة", "الروضة والمدرسة ورعاية ما بعد المدرسة ودعم الأسر."),
        "fa": (
            "خانواده، پیش‌دبستانی و مدرسه",
            "پیش‌دبستانی، مدرسه، مراقبت بعد از مدرسه و حمایت از خانواده‌ها.",
        ),
    },
    "healthcare": {
        "de": (
            "Gesundheitsversorgung",
            "Gesundheitszentren, 1177, Zahnpflege und Hilfe im Notfall.",
        ),
        "es": ("Atención sanitaria", "Centros de salud, 1177, atención dental y ayuda urgente."),
        "pl": (
            "Opieka zdrowotna",
            "Przychodnie, 1177, opieka stomatologiczna i pomoc w nagłych wypadkach.",
        ),
        "uk": ("Медична допомога", "Поліклініки, 1177, стоматологія та невідкладна допомога."),
        "ar": ("الرعاية الصحية", "المراكز الصحية و1177 ورعاية الأسنان والمساعدة الطارئة."),
        "fa": ("بهداشت و درمان", "مراکز بهداشت، ۱۱۷۷، دندانپزشکی و کمک فوری."),
    },
    "swedish-education": {
        "de": (
            "Schwedisch (SFI) und Bildung",
            "Schwedisch für Einwanderer, Erwachsenenbildung und Studium an der Hochschule.",
        ),
        "es": (
            "Sueco (SFI) y educación",
            "Sueco para inmigrantes, educación de adultos y estudios universitarios.",
        ),
        "pl": (
            "Język szwedzki (SFI) i edukacja",
            "Szwedzki dla imigrantów, edukacja dorosłych i studia wyższe.",
        ),
        "uk": (
            "Шведська мова (SFI) та освіта",
            "Шведська для іммігрантів, освіта для дорослих і навчання в університеті.",
        ),
        "ar": (
            "اللغة السويدية (SFI) والتعليم",
            "السويدية للمهاجرين وتعليم الكبار والدراسة الجامعية.",
        ),
        "fa": (
            "زبان سوئدی (SFI) و آموزش",
            "سوئدی برای مهاجران، آموزش بزرگسالان و تحصیل در دانشگاه.",
        ),
    },
    "validation": {
        "de": (
            "Anerkennung von Abschlüssen",
            "Bewertung ausländischer Ausbildung und Zulassung für reglementierte Berufe.",
        ),
        "es": (
            "Convalidación de títulos",
            "Reconocimiento de estudios extranjeros y licencias para profesiones reguladas.",
        ),
        "pl": (
            "Uznawanie kwalifikacji",
            "Uznawanie zagranicznego wykształcenia i uprawnienia do zawodów regulowanych.",
        ),
        "uk": (
            "Визнання кваліфікації",
            "Визнання іноземної освіти та ліцензії для регульованих професій.",
        ),
        "ar": ("معادلة المؤهلات", "الاعتراف بالتعليم الأجنبي وتراخيص المهن المنظمة."),
        "fa": ("ارزیابی مدارک", "به رسمیت شناختن تحصیلات خارجی و مجوز مشاغل دارای مقررات."),
    },
    "partner-career": {
        "de": (
            "Karriere für mitziehende Partner",
            "Arbeit, Netzwerke und Studium für mitziehende Partnerinnen und Partner.",
        ),
        "es": (
            "Carrera de tu pareja",
            "Empleo, redes y estudios para la pareja que se muda contigo.",
        ),
        "pl": (
            "Kariera partnera",
            "Praca, sieci kontaktów i studia dla partnera, który przeprowadza się z Tobą.",
        ),
        "uk": (
            "Кар'єра партнера",
            "Робота, мережі контактів і навчання для партнера, який переїжджає з вами.",
        ),
        "ar": ("مسيرة الشريك المهنية", "العمل والشبكات والدراسة للشريك المرافق."),
        "fa": ("شغل همسر", "کار، شبکه‌سازی و تحصیل برای همسر همراه."),
    },
    "transport-driving": {
        "de": (
            "Verkehr und Autofahren",
            "Führerschein, Fahren im Winter und öffentlicher Nahverkehr.",
        ),
        "es": (
            "Transporte y conducción",
            "Permiso de conducir, conducción en invierno y transporte público.",
        ),
        "pl": (
            "Transport i prowadzenie samochodu",
            "Prawo jazdy, jazda zimą i komunikacja publiczna.",
        ),
        "uk": (
            "Транспорт і водіння",
            "Посвідчення водія, водіння взимку та громадський транспорт.",
        ),
        "ar": ("المواصلات والقيادة", "رخصة القيادة والقيادة في الشتاء والمواصلات العامة."),
        "fa": ("حمل و نقل و رانندگی", "گواهینامه رانندگی، رانندگی در زمستان و حمل و نقل عمومی."),
    },
    "money-tax-insurance": {
        "de": (
            "Geld, Steuern und Sozialversicherung",
            "Steuern, Steuererklärung, die Sozialversicherungskasse und Rente.",
        ),
        "es": (
            "Dinero, impuestos y seguridad social",
            "Impuestos, declaración de la renta, la Agencia de Seguridad Social y pensiones.",
        ),
        "pl": (
            "Pieniądze, podatki i ubezpieczenia społeczne",
            "Podatki, zeznanie podatkowe, Kasa Ubezpieczeń Społecznych i emerytura.",
        ),
        "uk": (
            "Гроші, податки і соціальне страхування",
            "Податки, декларація, Каса соціального страхування та пенсія.",
        ),
        "ar": (
            "المال والضرائب والتأمين الاجتماعي",
            "الضرائب والإقرار الضريبي ووكالة التأمين الاجتماعي والتقاعد.",
        ),
        "fa": (
            "پول، مالیات و بیمه اجتماعی",
            "مالیات، اظهارنامه مالیاتی، صندوق بیمه اجتماعی و بازنشستگی.",
        ),
    },
    "social-life-outdoors": {
        "de": (
            "Freizeit, Kultur und Natur",
            "Vereinsleben, Kultur, das Jedermannsrecht und die Natur.",
        ),
        "es": (
            "Vida social, cultura y naturaleza",
            "Asociaciones, cultura, el derecho de acceso público y la naturaleza.",
        ),
        "pl": (
            "Czas wolny, kultura i przyroda",
            "Stowarzyszenia, kultura, prawo powszechnego dostępu do przyrody i natura.",
        ),
        "uk": (
            "Дозвілля, культура і природа",
            "Громадські об'єднання, культура, право вільного доступу до природи та природа.",
        ),
        "ar": (
            "الحياة الاجتماعية والثقافة والطبيعة",
            "الجمعيات والثقافة وحق الوصول العام إلى الطبيعة.",
        ),
        "fa": ("اوقات فراغت، فرهنگ و طبیعت", "انجمن‌ها، فرهنگ، حق دسترسی عمومی به طبیعت و طبیعت."),
    },
    "starting-business": {
        "de": ("Ein Unternehmen gründen", "Ein Unternehmen in Schweden gründen und führen."),
        "es": ("Crear una empresa", "Crear y gestionar una empresa en Suecia."),
        "pl": ("Zakładanie firmy", "Zakładanie i prowadzenie firmy w Szwecji."),
        "uk": ("Започаткування бізнесу", "Як заснувати й вести бізнес у Швеції."),
        "ar": ("تأسيس شركة", "تأسيس شركة وإدارتها في السويد."),
        "fa": ("راه‌اندازی کسب و کار", "راه‌اندازی و اداره کسب و کار در سوئد."),
    },
}


@transaction.atomic
def seed_topics() -> int:
    for order, (slug, icon, name_sv, name_en, desc_sv, desc_en) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            slug=slug,
            defaults={
                "icon": icon,
                "order": order * 10,
                "name_sv": name_sv,
                "name_en": name_en,
                "description_sv": desc_sv,
                "description_en": desc_en,
                **{
                    f"{field}_{lang}": text
                    for lang, (name, desc) in TOPIC_TRANSLATIONS[slug].items()
                    for field, text in (("name", name), ("description", desc))
                },
            },
        )
    return len(TOPICS)


def seed(stdout) -> None:
    """Called by seed_demo."""
    stdout.write(f"  topics: {seed_topics()}")
    demo_enquiries.seed(stdout)
    demo_guides.seed(stdout)
