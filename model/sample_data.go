package model

// Word lists for the sample data: names from several cultures (with accents
// and CJK, which matching and rendering must handle), companies and notes.

type namePool struct {
	given, family []string
	order         nameOrder
}

var namePools = []namePool{
	{[]string{"Ada", "Grace", "Alan", "Margaret", "James", "Olivia", "Ethan", "Chloe", "Noah", "Emily", "Liam", "Hannah",
		"Peter", "Susan", "Michael", "Rachel", "Daniel", "Laura", "George", "Alice", "Henry", "Fiona", "Oscar", "Megan"},
		[]string{"Lovelace", "Hopper", "Turing", "Hamilton", "O'Brien", "Walker", "Bennett", "Fletcher", "Harper", "Sullivan", "Reid", "Coleman",
			"Morrison", "Chapman", "Davies", "Ellis", "Foster", "Gallagher", "Hughes", "Jennings", "Kirby", "Lawson", "McAllister", "Norris"}, givenFirst},
	{[]string{"José", "María", "Sofía", "Andrés", "Lucía", "Martín", "Inés", "Íñigo", "Camila", "Mateo"},
		[]string{"Núñez", "García", "Peña", "Gómez", "Ibáñez", "Muñoz", "Álvarez", "Fernández", "Ortega", "Rodríguez"}, givenFirst},
	{[]string{"Zoë", "François", "Hélène", "Jérôme", "Chloé", "Anaïs", "Loïc", "Céline"},
		[]string{"Dubois", "Lefèvre", "Mercier", "Girard", "Bélanger", "Côté", "Moreau", "Rousseau"}, givenFirst},
	{[]string{"Jürgen", "Björn", "Søren", "Åsa", "Günther", "Märta", "Lars", "Ingrid"},
		[]string{"Müller", "Schröder", "Øberg", "Lindqvist", "Jørgensen", "Weiß", "Hoffmann", "Nyström"}, givenFirst},
	{[]string{"Wojciech", "Łukasz", "Zofia", "Małgorzata", "Tomáš", "Dvořák", "Jiří"},
		[]string{"Kowalski", "Wiśniewska", "Nowak", "Dvořák", "Procházka", "Łuczak"}, givenFirst},
	{[]string{"Aiko", "Haruto", "Yui", "Sota", "Mei", "Ren"},
		[]string{"Sato", "Tanaka", "Suzuki", "Watanabe", "Ito", "Nakamura"}, givenFirst},
	{[]string{"伟", "芳", "娜", "敏", "静", "磊"},
		[]string{"王", "李", "张", "刘", "陈", "杨"}, familyFirst},
	{[]string{"Nguyen Van", "Tran Thi", "Le Minh"},
		[]string{"An", "Binh", "Chau", "Dung"}, givenFirst},
	{[]string{"Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Sanjay", "Divya", "Rahul", "Meera", "Aditya", "Lakshmi"},
		[]string{"Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Menon", "Kapoor", "Desai", "Chatterjee", "Rao", "Joshi"}, givenFirst},
	{[]string{"Amara", "Chinedu", "Kwame", "Zanele", "Tunde", "Abebe"},
		[]string{"Okafor", "Mensah", "Dlamini", "Adeyemi", "Bekele", "Owusu"}, givenFirst},
	{[]string{"Ömer", "Elif", "Çağla", "Murat", "Şule"},
		[]string{"Yılmaz", "Demir", "Çelik", "Şahin", "Öztürk"}, givenFirst},
}

var companies = []string{
	"Acme Logistics", "Northwind Traders", "Globex", "Initech", "Umbrella Health",
	"Stark Industries", "Wayne Enterprises", "Hooli", "Pied Piper", "Vandelay Industries",
	"Soylent Foods", "Cyberdyne Systems", "Tyrell Corp", "Wonka Confections", "Gringotts Finance",
	"Müller & Söhne GmbH", "Café Olé S.A.", "Nakatomi Trading", "Oceanic Airlines", "Blue Sun Mining",
	"Aperture Labs", "Black Mesa Research", "Monarch Solutions", "Duff Beverages", "Krusty Foods",
}

var titles = []string{
	"VP Sales", "Head of Procurement", "CFO", "CTO", "Operations Manager", "Buyer",
	"IT Director", "Founder", "Office Manager", "Purchasing Lead", "COO", "Plant Manager",
}

var tagPool = []string{"holiday-card", "golf", "vip", "conference-2026", "referral-source", "newsletter"}

var howWeMet = []string{
	"Trade show booth in Chicago", "Introduced by a mutual customer", "Cold call that went well",
	"Webinar Q&A", "Neighbour at the conference dinner", "Inbound demo request",
}

var matters = []string{
	"Their kids' football season; hates long email threads", "Sustainability targets for 2027",
	"Wants to be promoted to COO next year", "Cares about uptime above price",
	"Marathon runner; mornings are sacred", "Budget cycle closes in March",
}

var noteTexts = []string{
	"Quick check-in on the rollout.", "Walked through the renewal terms.",
	"Demo of the new reporting module; they liked the exports.", "Lunch near their office.",
	"Discussed the Q3 order volume.", "Sent over the revised quote.", "They called about an invoice.",
	"Coffee at the conference; met their new ops lead.", "Reviewed the pilot results together.",
	"Left a voicemail, then a short email.", "Talked pricing for the second site.",
	"Intro call with their procurement team.",
}

var topicTexts = map[Topic][]string{
	Problem:     {"Their current vendor keeps missing delivery dates.", "Integration with their ERP is painful.", "Support tickets take a week to close."},
	Opportunity: {"Opening a second warehouse in spring.", "New budget for automation next quarter.", "Could expand to their EU subsidiary."},
	Strategy:    {"Board wants to consolidate suppliers by 2028.", "Moving to a subscription model for all tools.", "Plans to go public in two years."},
}

var promiseTexts = []string{
	"Send the pricing sheet", "Share the case study", "Introduce them to our solutions engineer",
	"Confirm the delivery schedule", "Send the contract draft", "Follow up on the pilot numbers",
	"Book the quarterly review", "Send the security questionnaire answers",
}

var questionTexts = []string{
	"How did the board meeting go?", "Who else is involved in the decision?",
	"What would make next year a success for you?", "How is the new hire working out?",
	"Did the holiday in Portugal happen?", "What is your budget timeline?",
}
