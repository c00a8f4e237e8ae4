package gen

// Sentence and title templates. Slots are listed in text.go. Words of the "adopt" family
// are replaced automatically in notices that avoid them. The topics a template renders
// are found by scanning its words for topic triggers (topics.go): neutral templates must
// contain none, and a topic's templates must render that topic.

var openingTmpls = []string{
	"The Department of State would like to update prospective adoptive parents on intercountry adoption in {C}.",
	"This notice provides information on recent developments affecting adoptions from {C}.",
	"The Department of State continues to follow intercountry adoption in {C} closely.",
	"The Office of Children’s Issues is providing the following information about adoptions from {C}.",
	"The Department of State would like to inform families of changes to the adoption process in {C}.",
	"This information is intended for families who have begun or are considering an adoption from {C}.",
}

var generalOpeningTmpls = []string{
	"The Department of State would like to inform prospective adoptive parents of changes that affect intercountry adoptions from all countries.",
	"This notice provides information for all families who are considering an intercountry adoption.",
	"The Office of Children’s Issues is providing the following information to adoption professionals and families.",
}

var topicTmpls = map[string][]string{
	"hague-convention": {
		"The Hague Adoption Convention entered into force for {C} on {date}.",
		"{C} is a party to the Hague Adoption Convention, and every intercountry adoption between {C} and the United States must meet the requirements of the Convention.",
		"Because {C} is not yet a Convention partner, adoptions from {C} continue to follow the “non-Convention” process.",
		"The United States and {C} continue discussions on how each country will meet its obligations under the Hague Adoption Convention.",
		"{M} confirmed that it will accept new cases only in accordance with the Hague Convention.",
		"The Department of State, as the U.S. Central Authority under the Hague Adoption Convention, continues to review these procedures.",
		"Families should confirm whether their case will be processed under the Convention before they submit a dossier.",
	},
	"hague-certificate-determination": {
		"At this time, the Department of State is not able to issue Hague Adoption Certificates or Hague Custody Declarations in adoptions from {C}.",
		"The Department has determined that it can again issue Hague Adoption Certificates for cases that meet the requirements of the Convention.",
		"Without a Hague Adoption Certificate, a child adopted from {C} cannot receive the recognition provided under Article 23 of the Convention.",
		"The Department will review each case individually before deciding whether to issue a Hague Adoption Certificate.",
	},
	"special-needs": {
		"{M} has indicated that it will give priority to the placement of children with special needs, including older children and sibling groups.",
		"Families interested in adopting a child with special needs from {C} should review the child’s medical records with their physician.",
		"The revised procedures apply only to children whom {M} has classified as having special needs.",
		"Families are sought for children with special needs, and {D} officials encourage applications for these children.",
		"Most children now eligible for intercountry adoption are older children or children with special needs.",
	},
	"suspension": {
		"{M} has suspended the acceptance of new intercountry adoption applications until further notice.",
		"On {date}, {M} announced a moratorium on all intercountry adoptions from {C}.",
		"The Department of State urges prospective adoptive parents not to begin new adoptions from {C} while the suspension remains in effect.",
		"The suspension applies to all new applications, and {D} officials have not indicated when it may end.",
		"Work on adoption dossiers in {C} has been halted while the government reviews its procedures.",
		"The Department is following the suspension closely and will share new information as soon as it is available.",
	},
	"resumption": {
		"{M} has lifted the suspension and will resume accepting new adoption dossiers on {date}.",
		"Intercountry adoptions from {C} may resume once the new procedures are in place.",
		"The Department welcomes the decision of {M} to resume accepting intercountry adoption applications.",
		"It is not yet possible to estimate when {C} may resume intercountry adoptions with the United States.",
		"{D} officials have announced the reopening of the intercountry adoption program.",
	},
	"fraud-corruption": {
		"The Department of State has received reports of fraud and irregularities in the adoption process in {C}.",
		"Investigations have revealed falsified documents, including birth records altered to conceal a child’s identity.",
		"{M} has opened an inquiry into allegations of child buying by intermediaries in several provinces.",
		"The Department remains concerned about reports of trafficking and will continue to raise these concerns with {D} officials.",
		"Families should report any suspected fraud to the U.S. Embassy in {city}.",
		"Prospective adoptive parents should be alert to signs of corruption, such as requests to bypass the usual procedures.",
	},
	"immigrant-visa": {
		"The U.S. Embassy in {city} will continue to process immigrant visa applications for children whose adoptions are complete.",
		"Before an immigrant visa can be issued, USCIS must approve the petition filed on behalf of the child.",
		"Children who enter the United States on IR-3 visas acquire U.S. citizenship automatically.",
		"Families should allow additional time for the immigrant visa interview at the U.S. Embassy in {city}.",
		"The Embassy will schedule visa appointments only after it has received all required documents from the family.",
		"Children adopted through the Convention process enter the United States on IH-3 or IH-4 immigrant visas.",
	},
	"dna-testing": {
		"The U.S. Embassy in {city} requires DNA testing of the birth mother and child before the final interview is scheduled.",
		"A second DNA test will be performed when the child is presented for the final interview.",
		"Results of the DNA test must confirm the relationship between the child and the person who consented to the adoption.",
		"Samples for DNA testing must be collected by a panel physician designated by the Embassy.",
	},
	"accreditation": {
		"Only accredited or approved adoption service providers may act as primary providers in intercountry adoption cases from {C}.",
		"{M} has authorized {num} U.S. adoption service providers to work in {C}.",
		"U.S. adoption service providers that wish to work in {C} must first be authorized by {M}.",
		"A list of accredited and approved agencies is available on the Department of State website.",
		"{M} will not accept applications submitted through providers that have not been accredited.",
	},
	"pending-cases": {
		"Applications that were pending before {date} will continue to be processed under the previous procedures.",
		"Families with pipeline cases should contact their adoption agency for information on the status of their dossiers.",
		"{M} has agreed to review all in-process cases on a case-by-case basis.",
		"The Department continues to advocate for the completion of pending cases involving U.S. families.",
		"Transition cases, in which the dossier was submitted before the new procedures took effect, are not affected.",
	},
	"orphan-status": {
		"USCIS will carefully review whether each child meets the definition of an orphan.",
		"Documents showing that the child was abandoned must be reviewed carefully before the case can proceed.",
		"Birth parents who relinquish a child must do so in writing before a competent official.",
		"In several recent cases the child’s orphan status could not be confirmed.",
	},
	"relative-adoption": {
		"Adoptions by relatives of the child are handled under a separate procedure in {C}.",
		"{M} will continue to accept applications for relative adoptions, including adoptions by stepparents.",
		"Prospective adoptive parents who are relatives of the child should contact {M} directly.",
		"Intrafamily adoptions must still meet all {D} requirements.",
	},
	"legislation": {
		"A new law on intercountry adoption took effect in {C} on {date}.",
		"{M} is drafting regulations to implement the new legislation.",
		"The amendment to the Family Code changes the order of priority for domestic and intercountry placements.",
		"The new law requires prospective adoptive parents to complete training before their dossier is submitted.",
		"Until the implementing regulations are published, it is unclear how the law will be applied to individual cases.",
	},
	"delegation-visit": {
		"In {month}, a delegation from the Office of Children’s Issues traveled to {C} and met with officials of {M}.",
		"During the visit, the delegation discussed the steps {C} is taking to strengthen its procedures.",
		"Representatives of {M} visited Washington in {month} to meet Department of State officials.",
		"The delegation also met with representatives of several international organizations working in {C}.",
	},
	"fees": {
		"{M} has published a new schedule of fees for intercountry adoption services.",
		"Families should not make donations or other payments directly to children’s homes or to officials.",
		"The fee for reviewing each dossier increased on {date}.",
		"All fees must be paid through official channels and documented with a receipt.",
	},
	"court-process": {
		"After the court hearing, the judge will issue a final adoption decree.",
		"{M} reports that court proceedings in some regions are taking longer than expected.",
		"Families should expect to attend the court hearing in {city} in person.",
		"The final adoption order is issued by the court only after the waiting period has ended.",
		"Judges in {C} have begun to require additional documents before approving an adoption.",
	},
	"child-welfare": {
		"{M} continues to develop its child welfare system, with a focus on family-based care.",
		"The government’s child protection reforms are intended to reduce the number of children living in residential care.",
		"UNICEF and other partners are supporting efforts to expand foster care in {C}.",
		"Strengthening child protection services remains a priority for {D} officials.",
	},
}

// contextTmpls are the everyday sentences of notices, touching no topic.
var contextTmpls = []string{
	"Prospective adoptive parents should review all documents carefully before submitting them to {D} officials.",
	"The U.S. Embassy in {city} is available to answer questions from U.S. citizens who are considering an adoption from {C}.",
	"Each dossier must include a complete home study and all documents listed by {D} officials.",
	"Documents issued in the United States must be translated and certified before they are submitted.",
	"Officials have indicated that the review of each dossier may take several months.",
	"Families are encouraged to keep copies of all documents submitted during the adoption process.",
	"The Department of State does not intervene in private matters between prospective adoptive parents and foreign officials.",
	"Prospective adoptive parents should be prepared to remain in {C} for several weeks while the adoption is completed.",
	"The Department encourages families to work only with agencies that provide clear written information about each stage.",
	"Birth certificates, passports and medical reports must be presented in their original form.",
	"Families should ensure that their home study remains valid throughout the adoption process.",
	"{D} officials have asked prospective adoptive parents to be patient while the new procedures are put in place.",
	"Information about the adoption process in {C} is available on the country information page.",
	"The Office of Children’s Issues remains in regular contact with {D} officials.",
	"Some families have reported long waits between the submission of a dossier and the referral of a child.",
	"The referral of a child does not guarantee that the adoption will be completed.",
	"Post-adoption reports must be submitted at the intervals required by {D} officials.",
	"The Department of State takes seriously its responsibility to provide accurate information to families.",
	"Adoptive parents must obtain a passport for the child from {D} officials before departure.",
	"The number of adoptions from {C} to the United States has declined in recent years.",
	"In fiscal year {year}, U.S. families completed {num} adoptions from {C}.",
	"Families should confirm the current requirements with their adoption agency before taking any further action.",
	"The child must be present for the final interview with a U.S. consular officer.",
	"Questions about individual cases should be directed to the U.S. Embassy in {city}.",
	"{D} officials have stressed that each case will be considered on its own merits.",
	"The Department shares the goal of an intercountry adoption process that is transparent and ethical.",
	"Medical examinations must be completed by a physician designated by the Embassy.",
	"The Department does not comment on individual cases.",
	"Prospective adoptive parents should consider carefully whether they are ready for the responsibilities of intercountry adoption.",
	"Adoption agencies should share this information with their clients as soon as possible.",
}

// ministryTmpls name a body without touching any topic.
var ministryTmpls = []string{
	"The Department continues to work closely with {M} on these matters.",
	"{M} has asked that all questions be submitted in writing.",
	"Officials of {M} have provided the Department with updated information.",
	"According to {M}, the new procedures will apply to all applications received after {date}.",
	"The Department has shared these concerns with {M}.",
	"{M} has not yet published written guidance on the new procedures.",
}

var citeTmpls = []string{
	"This notice updates {cite}.",
	"Please see {cite} for background information.",
	"As described in {cite}, {D} officials had begun a review of their procedures.",
	"This information supplements {cite}.",
	"The procedures described in {cite} remain in effect.",
}

var otherCountryTmpls = []string{
	"Similar changes were announced earlier in {O}.",
	"Families who previously adopted from {O} may find some of these steps familiar.",
	"The new procedures resemble those introduced in {O} in {year}.",
}

var generalTmpls = []string{
	"This notice applies to intercountry adoptions from all countries.",
	"Families adopting from countries such as {O}, {O} and {O} should read this notice carefully.",
	"The Department of State publishes an annual report on intercountry adoption each fiscal year.",
	"These changes do not alter the requirements of any individual country of origin.",
}

var closingTmpls = []string{
	"The Department of State will post updated information on its website as it becomes available.",
	"The Department of State will post updated information on travel.state.gov as it becomes available.",
	"Please continue to check this website for updates.",
	"Questions about this notice may be directed to the Office of Children’s Issues at AskPCI@state.gov.",
	"Prospective adoptive parents are encouraged to stay in close contact with their adoption agency.",
	"The Department will continue to share information with families as the situation develops.",
}

// fillerTmpls carry the Zipf-distributed vocabulary.
var fillerTmpls = []string{
	"The {A} {N} of the {N} will {V} the {N} of {A} {N}.",
	"{A} {N} and {N} {Vs} with the {N} in {P}.",
	"In {P}, the {N} of {N} may {V} {A} {N} for the {N}.",
	"It is {A} that the {N} {Vs} the {N} and the {N} before the {N} is {A}.",
	"According to the {N}, {N} in the {P} region {Vs} the {N} of {A} {N}.",
	"The {N} {Vs} the {N} by the {N} of {N}, and the {N} should {V} the {A} {N}.",
	"Each {N} must {V} the {A} {N} within the {N} of the {N}.",
	"{N} and {N} from {P} are expected to {V} the {A} {N}.",
	"The Department {Vs} that {A} {N} may {V} the {N} of the {N}.",
	"This {N} is {A} to the {N} and will {V} {A} {N} in {P}.",
	"Officials in {P} have asked families to {V} the {N} and the {A} {N}.",
	"For {A} {N}, the {N} will {V} each {N} and {V} the {N}.",
	"The {N} of {A} {N} has been {A} since the {N} in {P}.",
	"Families should {V} the {N} with their {N} and {V} any {A} {N}.",
	"There is no {A} {N} for the {N} of {N} at this time.",
	"The {A} {N} remains {A}, and the {N} {Vs} {A} {N} from the {N}.",
	"Parents who {V} the {N} should also {V} the {A} {N} of the {N}.",
	"Under the {A} {N}, the {N} {Vs} each {N} in {P} and {P}.",
	"The {N} {Vs} {A} {N}, {A} {N}, and the {N} of {N}.",
	"Additional {N} on the {A} {N} will be {A} in the {N}.",
	"Since {year}, the {N} has {A} {N} for {num} {N}.",
	"Families in {P} may {V} the {N} of the {A} {N} as part of the {N}.",
}

// Titles, by type and lead topic. {MS} names the notice's first body briefly.
var (
	noticeTitles = []string{
		"Update on Status of Intercountry Adoptions from {C}",
		"Adoption Notice for {C}",
		"Intercountry Adoption Update: {C}",
		"Recent Developments Related to Intercountry Adoption from {C}",
		"{C}: Information for Prospective Adoptive Parents",
		"{C} Announces New Adoption Procedures",
		"{C} – Adoption Update",
	}
	alertTitles = []string{
		"Department of State Recommends Against Adopting from {C}",
		"Urgent Information for Families Adopting from {C}",
		"Important Changes to Adoptions from {C}",
	}
	otherTitles = []string{
		"Frequently Asked Questions: Intercountry Adoption from {C}",
		"INTERNATIONAL ADOPTION: {CU}",
		"Country Information: {C}",
		"Adoption Process in {C}: Questions and Answers",
	}
	noticeTopicTitles = map[string][]string{
		"suspension":                      {"Suspension of New Adoption Applications in {C}", "{MS} Suspends Acceptance of New Dossiers"},
		"resumption":                      {"{C} to Resume Intercountry Adoptions", "{MS} Lifts Suspension on New Applications"},
		"hague-convention":                {"Hague Adoption Convention Enters into Force for {C}", "{C} Joins the Hague Adoption Convention"},
		"hague-certificate-determination": {"Department of State Unable to Issue Hague Adoption Certificates for {C}"},
		"accreditation":                   {"Adoption Service Providers Authorized in {C}", "Accreditation Requirements for Adoptions from {C}"},
		"pending-cases":                   {"Information for Pending Cases in {C}", "Processing of Pipeline Cases in {C}"},
		"legislation":                     {"New Adoption Law in {C}", "{D} Legislation on Intercountry Adoption"},
		"court-process":                   {"Changes to Court Procedures for Adoptions in {C}"},
		"fees":                            {"New Fee Schedule for Adoptions from {C}"},
		"delegation-visit":                {"{C}: Office of Children’s Issues Delegation Visit", "Delegation Meeting with {MS}"},
		"special-needs":                   {"{C} Seeks Families for Children with Special Needs"},
		"relative-adoption":               {"Relative Adoptions from {C}"},
		"immigrant-visa":                  {"Immigrant Visa Processing for Adopted Children from {C}"},
		"dna-testing":                     {"DNA Testing Required for Adoptions from {C}"},
		"orphan-status":                   {"Orphan Status Determinations in {C}"},
		"child-welfare":                   {"{C} Announces Child Welfare Reforms"},
		"fraud-corruption":                {"Reports of Fraud in Adoptions from {C}"},
	}
	alertTopicTitles = map[string][]string{
		"suspension":       {"Suspension of Intercountry Adoptions in {C}", "{MS} Suspends Processing of Intercountry Adoptions", "All Adoption Cases in {C} Subject to Suspension"},
		"fraud-corruption": {"Reports of Child Buying in {C}", "Fraud in Adoption Documents from {C}"},
		"pending-cases":    {"Delays in Processing Pending Cases in {C}"},
		"legislation":      {"New Law Affects Adoptions from {C}"},
		"court-process":    {"Court Proceedings Delayed in {C}"},
		"immigrant-visa":   {"Visa Processing Delays at the U.S. Embassy in {city}"},
		"dna-testing":      {"Second DNA Test Required in {C}"},
	}
	otherTopicTitles = map[string][]string{
		"dna-testing":    {"Frequently Asked Questions: DNA Testing in Adoptions from {C}"},
		"immigrant-visa": {"Frequently Asked Questions: Immigrant Visas for Children Adopted in {C}"},
	}
	generalTitles = map[string][]string{
		"accreditation":    {"Universal Accreditation of Adoption Service Providers Takes Effect"},
		"fees":             {"Changes to USCIS Fees for Adoption Petitions"},
		"hague-convention": {"Hague Adoption Convention Enters into Force for the United States"},
		"immigrant-visa":   {"New Procedures for Immigrant Visas for Adopted Children"},
		"orphan-status":    {"Reminder on Orphan Definition Requirements"},
		"fraud-corruption": {"Warning about Fraudulent Adoption Websites"},
		"legislation":      {"New Federal Regulations on Intercountry Adoption"},
	}
	generalPlainTitles = []string{
		"Important Information for Prospective Adoptive Parents",
		"Annual Report on Intercountry Adoption",
		"Intercountry Adoption: Information for Families",
	}
)
